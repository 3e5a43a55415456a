-- helpdesk-loyalty store, SQLite schema 2: plugin health, shared between processes.
-- One row per plugin: the last state a running service reported and its last error, so the
-- `plugins` command (another process) can show what `serve` saw.
CREATE TABLE plugin_health (
    name  TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('ok', 'failing', 'quarantined')),
    error TEXT,
    at    REAL NOT NULL
) WITHOUT ROWID;
