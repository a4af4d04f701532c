"""An endpoint's credentials: where they come from, which host they go to, and how they are hidden.

Credentials come from the URL (`http://USER:PASSWORD@HOST/…`), else from the environment:
`KG_ENDPOINT_USER` and `KG_ENDPOINT_PASSWORD` (HTTP basic auth) or `KG_ENDPOINT_TOKEN` (a bearer token).
They are sent only to the scheme, host and port of the `--store` URL, and never shown: `mask()` hides the
password of every URL in a text before it is printed or logged.

Imports nothing but the standard library: the command line masks its messages with it.
"""

from __future__ import annotations

import base64
import os
import re
import urllib.parse

__all__ = ["Origin", "auth_header", "mask", "origin", "without_credentials"]

_USERINFO = re.compile(r"(?i)\b(https?://)([^/@\s:]*)(?::[^/@\s]*)?@")

Origin = tuple[str, str, int]  # scheme, host (lower case), port


def mask(text: str) -> str:
    """The text with the user info of every http(s) URL shown as `USER:***@` (nothing of the password)."""
    return _USERINFO.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}:***@", text)


def without_credentials(url: str) -> str:
    """The URL without its `USER:PASSWORD@`."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and "@" not in parts.netloc:
        return url
    netloc = parts.hostname or ""
    netloc = f"[{netloc}]" if ":" in netloc else netloc
    netloc += f":{parts.port}" if parts.port else ""
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def origin(url: str) -> Origin:
    """Where a request to the URL goes: scheme, host and port (the scheme's default port when none is given)."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or (443 if scheme == "https" else 80)


def auth_header(url: str) -> str | None:
    """The Authorization header for the endpoint at URL: its user info, else the KG_ENDPOINT_* variables."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None:
        user = urllib.parse.unquote(parts.username)
        return _basic(user, urllib.parse.unquote(parts.password or ""))
    token = os.environ.get("KG_ENDPOINT_TOKEN")
    if token:
        return f"Bearer {token}"
    env_user = os.environ.get("KG_ENDPOINT_USER")
    if env_user:
        return _basic(env_user, os.environ.get("KG_ENDPOINT_PASSWORD", ""))
    return None


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
