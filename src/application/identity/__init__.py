"""Identity use cases: registration, sign-in, token rotation and user administration."""
