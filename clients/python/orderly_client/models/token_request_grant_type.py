from enum import StrEnum


class TokenRequestGrantType(StrEnum):
    PASSWORD = "password"
    REFRESH_TOKEN = "refresh_token"

    def __str__(self) -> str:
        return str(self.value)
