"""Secret tokens in links and API keys are stored only as this hash: a leaked table gives no
usable token, and a lookup by hash needs no constant-time comparison of the secret itself."""

import hashlib


def hash_token(token: str) -> str:
    """SHA-256 of the token, hex: what is stored and looked up instead of the token."""
    return hashlib.sha256(token.encode()).hexdigest()
