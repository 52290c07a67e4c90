"""Password guessability from zxcvbn: dictionaries, keyboard walks, dates, l33t, names.

A score of 3 ("safely unguessable", about 10^8 guesses and more) is the least we accept;
zxcvbn's own feedback tells the user what to change.
"""

from __future__ import annotations

from typing import Any

MIN_SCORE = 3
MAX_LENGTH = 128  # zxcvbn refuses longer input; the password policy already caps it here


class ZxcvbnPasswordStrength:
    """Synchronous on purpose: zxcvbn keeps the user inputs in a module global, so two
    concurrent calls in threads could judge one password against another user's inputs.
    """

    def problems(self, password: str, user_inputs: list[str]) -> str | None:
        # Imported on first use: its dictionaries add about 10 MB to every process, and
        # most processes (workers, the API between registrations) never judge a password.
        from zxcvbn import zxcvbn  # type: ignore[import-untyped]  # noqa: PLC0415

        result: dict[str, Any] = zxcvbn(password, user_inputs=user_inputs, max_length=MAX_LENGTH)
        if result["score"] >= MIN_SCORE:
            return None
        feedback = result["feedback"]
        advice = [feedback["warning"], *feedback["suggestions"]]
        return " ".join(line for line in advice if line) or "it is too predictable"
