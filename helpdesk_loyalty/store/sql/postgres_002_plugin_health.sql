-- helpdesk-loyalty store, PostgreSQL schema 2: plugin health, shared between processes.
-- One row per plugin: the last state a running service reported and its last error, so the
-- `plugins` command (another process) can show what `serve` and the workers saw.
CREATE TABLE plugin_health (
    name  text PRIMARY KEY,
    state text NOT NULL CHECK (state IN ('ok', 'failing', 'quarantined')),
    error text,
    at    double precision NOT NULL
);
