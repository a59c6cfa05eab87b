-- The parts of large lead lists waiting to be imported (PostgresLeadUploadStore; PostgreSQL 15).
--
-- An import job receives its list in parts of up to 10,000 rows and acknowledges each only once it is here, so a
-- lost silo or a restarted upload loses nothing; the job reads the parts in order and deletes them when it is done.
-- A part is kept once: a repeated part (a retried upload) leaves the first copy (ON CONFLICT DO NOTHING).
-- body holds the part as JSON (CSV text with its header, or rows of fields) — big data in a table, not grain state.

CREATE TABLE lead_upload_parts
(
    tenant_id   text COLLATE "C" NOT NULL CHECK (tenant_id LIKE 'tnt\_%'),
    import_id   text COLLATE "C" NOT NULL CHECK (import_id LIKE 'imp\_%'),
    sequence    integer     NOT NULL CHECK (sequence >= 0),
    row_offset  integer     NOT NULL CHECK (row_offset >= 0),
    rows        integer     NOT NULL CHECK (rows >= 0),
    body        jsonb       NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, import_id, sequence)
);
