"""Who may reach a served library: the token, its cookie, the page's own origin.

A served Byline reads (and can change) someone's library, and textual-serve checks
nothing, so every request passes here first, as Jupyter's server does it: a random token
printed with the address, accepted once in the query string and then kept in a cookie
that only this site's own pages send back.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

TOKEN_ENV = "BYLINE_SERVE_TOKEN"
"""The environment variable that fixes the token (``--token`` does too)."""

COOKIE = "byline-serve-token"
TOKEN_BYTES = 24  # 192 random bits, 32 characters in the URL
MIN_TOKEN_LENGTH = 16


def new_token() -> str:
    """A fresh random token, URL-safe."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_problem(token: str) -> str | None:
    """Why a token the user chose is unusable, or ``None``."""
    if len(token) < MIN_TOKEN_LENGTH:
        return f"the token must be at least {MIN_TOKEN_LENGTH} characters long"
    if not all(c.isascii() and (c.isalnum() or c in "-_.~") for c in token):
        return "the token may hold only letters, digits and - _ . ~ (it goes in a URL)"
    return None


def same_token(given: str | None, token: str) -> bool:
    """Compare in constant time, so the comparison leaks nothing of the token."""
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (``localhost``, 127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def same_origin(origin: str | None, host: str | None) -> bool:
    """Whether a WebSocket's ``Origin`` is the page that this server itself served.

    Browsers send ``Origin`` with every WebSocket handshake; another site's page opening
    our socket (cross-site WebSocket hijacking) shows up as a different host. A client
    that is not a browser sends none, and is held to the token like everyone else.
    """
    if not origin:
        return True
    if not host:
        return False
    return urlsplit(origin).netloc.lower() == host.lower()
