-- Tenants' do-not-call lists (PostgresDoNotCallStore; PostgreSQL 15).
--
-- One row per tenant and E.164 number. A number added twice keeps its first row (INSERT ... ON CONFLICT DO
-- NOTHING), so a repeated request, an import and a call's do-not-call outcome can all add the same number safely.
-- Checked when leads are imported and again before every dial: the primary key answers both.

CREATE TABLE do_not_call
(
    tenant_id text COLLATE "C" NOT NULL CHECK (tenant_id LIKE 'tnt\_%'),
    number    text COLLATE "C" NOT NULL CHECK (number ~ '^\+[1-9][0-9]{6,14}$'),
    source    text        NOT NULL CHECK (source IN ('api', 'import', 'call-outcome')),
    reason    text        CHECK (length(reason) <= 500),
    added_by  text        NOT NULL,
    added_at  timestamptz NOT NULL,
    call_id   text COLLATE "C" CHECK (call_id LIKE 'cal\_%'),
    PRIMARY KEY (tenant_id, number)
);
