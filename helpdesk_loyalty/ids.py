"""Identifiers: time-ordered, URL-safe decision ids."""

from __future__ import annotations

import os
import time

__all__ = ["new_decision_id"]

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32, as ULIDs use


def _b32(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def new_decision_id(now: float | None = None) -> str:
    """A 26-character ULID-style id: 48 bits of milliseconds, then 80 random bits."""
    millis = int((time.time() if now is None else now) * 1000)
    return _b32(millis, 10) + _b32(int.from_bytes(os.urandom(10), "big"), 16)
