-- The tenants' record of changes made through the API, and by whom (issue 15; PostgreSQL 15).
--
-- Appended by ApiHost after every successful change (POST, PUT, PATCH, DELETE) to a tenant's objects; read newest
-- first by the tenant's admins, a page at a time with the sequence as the cursor. Never updated.
CREATE TABLE audit_log (
    sequence        bigint      GENERATED ALWAYS AS IDENTITY,
    tenant_id       text        NOT NULL CHECK (char_length(tenant_id) BETWEEN 1 AND 100),
    at              timestamptz NOT NULL,
    actor           text        NOT NULL CHECK (char_length(actor) BETWEEN 1 AND 500),
    method          text        NOT NULL CHECK (method IN ('POST', 'PUT', 'PATCH', 'DELETE')),
    route           text        NOT NULL CHECK (char_length(route) BETWEEN 1 AND 500),
    path            text        NOT NULL CHECK (char_length(path) BETWEEN 1 AND 500),
    status          integer     NOT NULL CHECK (status BETWEEN 100 AND 599),
    correlation_id  text        NULL CHECK (char_length(correlation_id) <= 100),
    PRIMARY KEY (tenant_id, sequence)
);
