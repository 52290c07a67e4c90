"""Security adapters: password hashing and strength, signed access tokens, random secrets."""
