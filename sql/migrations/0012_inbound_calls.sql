-- Inbound calls (issue 14; PostgreSQL 15).
--
-- A call's direction: 'outbound' (the platform dialled the callee, to_number) or 'inbound' (a caller,
-- from_number, rang one of the tenant's numbers, to_number). Rows written before this migration, and by
-- silos of the previous release during a rolling upgrade, are outbound calls: that is the default.
ALTER TABLE call_records
    ADD COLUMN direction text NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound'));
