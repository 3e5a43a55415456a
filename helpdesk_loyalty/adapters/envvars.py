"""Reading one helpdesk's ``HL_<NAME>_*`` variables: typed values and a safe base URL.

Every bad value raises :class:`~helpdesk_loyalty.errors.ConfigError` naming the variable, the
value (never a secret's) and the fix, so start-up stops with a message an admin can act on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from ..config import env_value
from ..errors import ConfigError
from ..secret import Secret

__all__ = [
    "any_set",
    "env_float",
    "env_header",
    "env_limit",
    "env_secret",
    "env_text",
    "normalise_base_url",
]

_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
_HEADER_RE = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")


def any_set(env: Mapping[str, str], prefix: str) -> bool:
    """Whether any variable starting with ``prefix`` has a non-blank value."""
    return any(key.startswith(prefix) and value.strip() for key, value in env.items())


def env_text(env: Mapping[str, str], name: str) -> str | None:
    """A trimmed value, ``None`` when unset or blank."""
    value = env.get(name, "").strip()
    return value or None


def env_secret(env: Mapping[str, str], name: str) -> Secret | None:
    """A value wrapped in :class:`Secret`, ``None`` when unset or blank."""
    value = env_text(env, name)
    return Secret(value) if value else None


def _positive_float(raw: str) -> float:
    value = float(raw)
    if not value > 0:
        raise ValueError("must be a number of seconds greater than 0")
    return value


def _limit(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise ValueError("must be 0 (off) or a positive number of calls per minute")
    return value


def env_float(env: Mapping[str, str], name: str, default: float) -> float:
    """A positive number of seconds."""
    fix = f"set {name} to seconds, e.g. {default:g}"
    return env_value(env, name, default, _positive_float, fix)


def env_limit(env: Mapping[str, str], name: str, default: int, ceiling: str) -> int:
    """Calls per minute (0 = off)."""
    return env_value(
        env, name, default, _limit, f"set {name} to calls per minute below {ceiling}, or 0 for off"
    )


def env_header(env: Mapping[str, str], name: str, default: str) -> str:
    """An HTTP header name."""
    value = env_text(env, name) or default
    if not _HEADER_RE.match(value):
        raise ConfigError(name, f"{value!r} is not an HTTP header name", "use letters, digits, -")
    return value


def normalise_base_url(name: str, raw: str) -> str:
    """``raw`` as ``scheme://host[:port][/path]`` without a trailing slash.

    HTTPS is required except on loopback (the sandbox helpdesk in tests and demos); user info,
    query and fragment are refused, since every request must go to exactly this place.
    """
    parts = urlsplit(raw.strip())
    host = parts.hostname or ""
    fix = "use the helpdesk's address, e.g. https://acme.zendesk.com"
    if parts.scheme not in ("https", "http") or not host:
        raise ConfigError(name, f"{raw!r} is not an http(s) URL", fix)
    if parts.scheme == "http" and host not in _LOOPBACK:
        raise ConfigError(name, f"{raw!r} is not HTTPS", "use https:// (http only on loopback)")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise ConfigError(name, "the URL carries credentials, a query or a fragment", fix)
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
