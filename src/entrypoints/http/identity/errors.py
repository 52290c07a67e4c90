"""How identity's errors are answered over HTTP."""

from application.identity.errors import InvalidCredentialsError, InvalidTokenError
from domain.identity.user import (
    EmailTakenError,
    InvalidEmailError,
    InvalidUserError,
    UserNotFoundError,
    WeakPasswordError,
)
from entrypoints.http.identity.oauth2 import UnsupportedGrantTypeError
from entrypoints.http.problems import ProblemSpec

IDENTITY_ERRORS: dict[type[Exception], ProblemSpec] = {
    InvalidCredentialsError: ProblemSpec(401, "Invalid credentials"),
    InvalidTokenError: ProblemSpec(401, "Invalid token"),
    UserNotFoundError: ProblemSpec(404, "User not found"),
    EmailTakenError: ProblemSpec(409, "Email already registered"),
    WeakPasswordError: ProblemSpec(422, "Weak password"),
    InvalidEmailError: ProblemSpec(422, "Invalid email"),
    InvalidUserError: ProblemSpec(422, "Invalid user"),
    UnsupportedGrantTypeError: ProblemSpec(400, "Unsupported grant type"),
}
