"""Schema migrations: numbered ``.sql`` files per backend, applied in order, recorded in
``schema_version``.

Files live in ``helpdesk_loyalty/store/sql`` and are named ``<backend>_<NNN>_<what>.sql``. A
migration is applied once, in one transaction together with its ``schema_version`` row; each
backend decides how to keep two processes from applying the same one (SQLite: ``BEGIN
IMMEDIATE``; PostgreSQL: an advisory lock).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from ..errors import StoreError

__all__ = ["SCHEMA_VERSION_DDL", "Migration", "check_known", "migrations"]

SCHEMA_VERSION_DDL = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)"
)

_NAME = re.compile(r"^(?P<backend>[a-z]+)_(?P<version>\d{3})_(?P<name>\w+)\.sql$")


@dataclass(frozen=True)
class Migration:
    """One schema step: ``version`` orders them, ``sql`` is the script."""

    version: int
    name: str
    sql: str


def migrations(backend: str) -> list[Migration]:
    """The migrations of ``backend`` (``"sqlite"`` or ``"postgres"``), oldest first."""
    found: list[Migration] = []
    for entry in resources.files(__package__).joinpath("sql").iterdir():
        match = _NAME.match(entry.name)
        if match is None or match["backend"] != backend:
            continue
        found.append(Migration(int(match["version"]), match["name"], entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    if not found:
        raise StoreError(f"no {backend} migrations found in the installed package")
    return found


def check_known(applied: int, known: list[Migration]) -> None:
    """Refuse a database migrated by a newer release than this one."""
    newest = known[-1].version
    if applied > newest:
        raise StoreError(
            f"the database is at schema version {applied}, newer than this release knows "
            f"({newest}); upgrade helpdesk-loyalty or point it at another database"
        )
