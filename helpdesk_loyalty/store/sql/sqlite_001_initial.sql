-- helpdesk-loyalty store, SQLite schema 1.
-- Times are epoch seconds (REAL) from the service clock. JSON columns hold UTF-8 JSON text.

-- The permanent dedupe record of accepted events; also answers "recent tickets of a requester".
CREATE TABLE inbox (
    source       TEXT NOT NULL,
    event_key    TEXT NOT NULL,
    account      TEXT NOT NULL,
    ticket_id    TEXT NOT NULL,
    requester_id TEXT,
    kind         TEXT NOT NULL,
    received_at  REAL NOT NULL,
    body_sha256  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source, event_key)
) WITHOUT ROWID;
CREATE INDEX inbox_requester ON inbox (account, requester_id, received_at)
    WHERE requester_id IS NOT NULL;
CREATE INDEX inbox_received ON inbox (received_at);

-- AUTOINCREMENT: ids are never reused after a purge, so ledger rows keep pointing at one job.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL,
    account      TEXT NOT NULL,
    ordering_key TEXT NOT NULL,
    dedupe_key   TEXT NOT NULL UNIQUE,
    payload      TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'running', 'done', 'dead')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    available_at REAL NOT NULL,
    first_try_at REAL,
    lease_owner  TEXT,
    lease_until  REAL,
    last_error   TEXT,
    created_at   REAL NOT NULL,
    updated_at   REAL NOT NULL
);
-- Partial indexes keep done rows out of the claim path (a full index slowed claims as history grew).
CREATE INDEX jobs_pending ON jobs (id) WHERE status = 'pending';
CREATE INDEX jobs_key ON jobs (ordering_key, id) WHERE status IN ('pending', 'running');
CREATE INDEX jobs_lease ON jobs (lease_until) WHERE status = 'running';
CREATE INDEX jobs_done ON jobs (updated_at) WHERE status = 'done';

CREATE TABLE ledger (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          REAL NOT NULL,
    account     TEXT NOT NULL,
    ticket_id   TEXT NOT NULL,
    event_key   TEXT,
    decision_id TEXT,
    job_id      INTEGER,
    what        TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX ledger_ticket ON ledger (ticket_id, id);
CREATE INDEX ledger_at ON ledger (at);

CREATE TABLE credits (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_key TEXT NOT NULL,
    account      TEXT,
    amount       REAL NOT NULL,
    currency     TEXT NOT NULL,
    at           REAL NOT NULL,
    ticket_id    TEXT NOT NULL,
    decision_id  TEXT NOT NULL
);
CREATE INDEX credits_customer ON credits (customer_key, at);

CREATE TABLE throttles (
    account    TEXT PRIMARY KEY,
    not_before REAL NOT NULL,
    reason     TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
