"""The pytest plugin for rule authors (entry point ``pytest11``): fixtures and assertions."""

from __future__ import annotations
