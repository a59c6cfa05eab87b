-- Outbound webhooks to tenants (issue 13; PostgreSQL 15).
--
-- webhook_endpoints: one row per endpoint, written only by its endpoint grain (revision-ordered). The
-- secrets are kept because each delivery is signed with them; they are never returned after being issued.
CREATE TABLE webhook_endpoints (
    tenant_id                 text        NOT NULL CHECK (char_length(tenant_id) BETWEEN 1 AND 100),
    endpoint_id               text        NOT NULL CHECK (char_length(endpoint_id) BETWEEN 1 AND 100),
    url                       text        NOT NULL CHECK (char_length(url) BETWEEN 1 AND 2048),
    description               text        NULL CHECK (char_length(description) <= 500),
    -- Empty: every event type.
    event_types               text[]      NOT NULL DEFAULT '{}',
    status                    text        NOT NULL CHECK (status IN ('enabled', 'disabled')),
    status_reason             text        NULL,
    secret                    text        NOT NULL,
    previous_secret           text        NULL,
    previous_secret_expires_at timestamptz NULL,
    failing_since             timestamptz NULL,
    revision                  integer     NOT NULL CHECK (revision > 0),
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, endpoint_id)
);

-- The outbox. An event is kept only when at least one endpoint wanted it when it was recorded; its id
-- (derived from its source, sequence and type) makes recording it again a no-op.
CREATE TABLE webhook_events (
    event_id    text        PRIMARY KEY CHECK (char_length(event_id) BETWEEN 1 AND 100),
    tenant_id   text        NOT NULL,
    type        text        NOT NULL,
    source_id   text        NOT NULL,
    sequence    bigint      NOT NULL,
    occurred_at timestamptz NOT NULL,
    -- Kept as text, not jsonb: every delivery must carry exactly the bytes first recorded.
    payload     text        NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);

-- One event on its way to one endpoint.
CREATE TABLE webhook_deliveries (
    delivery_id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        text        NOT NULL,
    endpoint_id      text        NOT NULL,
    event_id         text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NULL,
    last_status_code integer     NULL,
    last_error       text        NULL,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz NULL,
    UNIQUE (endpoint_id, event_id),
    CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
);

-- An endpoint's next deliveries (its pass) and the cluster's sweep for overdue ones; only pending rows.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (tenant_id, endpoint_id, next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_overdue ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- The delivery log, newest first.
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (tenant_id, endpoint_id, delivery_id DESC);

CREATE TABLE webhook_attempts (
    delivery_id bigint      NOT NULL REFERENCES webhook_deliveries (delivery_id) ON DELETE CASCADE,
    attempt     integer     NOT NULL CHECK (attempt > 0),
    attempted_at timestamptz NOT NULL,
    status_code integer     NULL,
    latency_ms  bigint      NOT NULL,
    error       text        NULL,
    manual      boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (delivery_id, attempt)
);
