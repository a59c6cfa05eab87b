-- Campaigns' leads and their dial queue (PostgresLeadStore; PostgreSQL 15).
--
-- One row per lead; a lead's id is derived from its campaign and number, so a number imported twice into a
-- campaign is one lead (INSERT ... ON CONFLICT DO NOTHING). Leads arrive in bulk by binary COPY into a temporary
-- table, then one INSERT ... SELECT.
--
-- The dial queue is leads_due: (campaign, next_callable_at) for the leads that wait, and nothing else. A lead's
-- next_callable_at is its next *lawful* moment (its retry time moved into its own calling hours by its zone and
-- rules), so leads that are due but outside their hours never pile up at the front: the campaign fetches a small
-- batch ordered by it, whatever the size of the list. A row is updated only by a higher revision.

CREATE TABLE leads
(
    tenant_id        text COLLATE "C" NOT NULL CHECK (tenant_id LIKE 'tnt\_%'),
    campaign_id      text COLLATE "C" NOT NULL CHECK (campaign_id LIKE 'cmp\_%'),
    lead_id          text COLLATE "C" NOT NULL CHECK (lead_id LIKE 'led\_%'),
    phone            text COLLATE "C" NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    name             text,
    email            text,
    time_zone        text,
    consent_at       timestamptz,
    consent_source   text,
    variables        jsonb       NOT NULL DEFAULT '{}',
    status           text        NOT NULL CHECK (status IN ('pending', 'scheduled', 'dialing', 'in-call', 'completed',
                                                            'retry-scheduled', 'exhausted', 'do-not-call', 'no-consent', 'invalid')),
    next_callable_at timestamptz,
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    disposition      text,
    status_reason    text,
    revision         bigint      NOT NULL DEFAULT 0,
    imported_at      timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, campaign_id, lead_id),
    UNIQUE (tenant_id, campaign_id, phone)
);

CREATE INDEX leads_due ON leads (tenant_id, campaign_id, next_callable_at, lead_id) WHERE next_callable_at IS NOT NULL;

CREATE INDEX leads_by_status ON leads (tenant_id, campaign_id, status, lead_id);
