"""The password policy, shared by every use case that sets a password."""

from application.identity.ports import PasswordStrength
from domain.identity.user import WeakPasswordError

PASSWORD_MIN = 12
PASSWORD_MAX = 128  # long enough for any passphrase, short enough to bound hashing work


def check_password(
    strength: PasswordStrength,
    password: str,
    *,
    email: str,
    full_name: str,
) -> None:
    """Length first, then guessability, judged also against what an attacker knows of the user."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise WeakPasswordError(f"password must be {PASSWORD_MIN}-{PASSWORD_MAX} characters")
    local_part = email.partition("@")[0]
    problem = strength.problems(password, [email, local_part, *full_name.split()])
    if problem is not None:
        raise WeakPasswordError(f"password is too easy to guess: {problem}")
