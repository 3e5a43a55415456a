-- helpdesk-loyalty store, PostgreSQL schema 1.
-- Times are epoch seconds (double precision) from the service clock, never now(): the same
-- clock drives both backends, so tests can move time.

-- The permanent dedupe record of accepted events; also answers "recent tickets of a requester".
CREATE TABLE inbox (
    source       text NOT NULL,
    event_key    text NOT NULL,
    account      text NOT NULL,
    ticket_id    text NOT NULL,
    requester_id text,
    kind         text NOT NULL,
    received_at  double precision NOT NULL,
    body_sha256  text NOT NULL DEFAULT '',
    PRIMARY KEY (source, event_key)
);
CREATE INDEX inbox_requester ON inbox (account, requester_id, received_at)
    WHERE requester_id IS NOT NULL;
CREATE INDEX inbox_received ON inbox (received_at);

CREATE TABLE jobs (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text NOT NULL,
    account      text NOT NULL,
    ordering_key text NOT NULL,
    dedupe_key   text NOT NULL UNIQUE,
    payload      jsonb NOT NULL,
    status       text NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'running', 'done', 'dead')),
    attempts     integer NOT NULL DEFAULT 0,
    available_at double precision NOT NULL,
    first_try_at double precision,
    lease_owner  text,
    lease_until  double precision,
    last_error   text,
    created_at   double precision NOT NULL,
    updated_at   double precision NOT NULL
);
-- Partial indexes keep done rows out of the claim path; the table churns, so vacuum it early.
CREATE INDEX jobs_pending ON jobs (id) WHERE status = 'pending';
CREATE INDEX jobs_key ON jobs (ordering_key, id) WHERE status IN ('pending', 'running');
CREATE INDEX jobs_lease ON jobs (lease_until) WHERE status = 'running';
CREATE INDEX jobs_done ON jobs (updated_at) WHERE status = 'done';
ALTER TABLE jobs SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);

CREATE TABLE ledger (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          double precision NOT NULL,
    account     text NOT NULL,
    ticket_id   text NOT NULL,
    event_key   text,
    decision_id text,
    job_id      bigint,
    what        text NOT NULL,
    detail      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX ledger_ticket ON ledger (ticket_id, id);
CREATE INDEX ledger_at ON ledger (at);

CREATE TABLE credits (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_key text NOT NULL,
    account      text,
    amount       double precision NOT NULL,
    currency     text NOT NULL,
    at           double precision NOT NULL,
    ticket_id    text NOT NULL,
    decision_id  text NOT NULL
);
CREATE INDEX credits_customer ON credits (customer_key, at);

CREATE TABLE throttles (
    account    text PRIMARY KEY,
    not_before double precision NOT NULL,
    reason     text NOT NULL DEFAULT ''
);
