-- Call records: the projection behind GET /api/calls, each call's event history and its transcript
-- (PostgresCallRecordStore; PostgreSQL 15).
--
-- Written by the call grains through a group-committing writer, read by the API and the live-call
-- sweeper. Every write is idempotent (see the store): a record upsert never lowers the revision, an
-- event key is stored once per call, a final transcript segment never changes.
--
-- Ids are the platform's prefixed ids (tnt_..., cal_...) and COLLATE "C": lists page by
-- (queued_at, call_id) and the cursor compares ids byte by byte, as the in-memory store does. A
-- database whose default collation is a language one would otherwise order ids differently.
--
-- Enums are stored by their kebab-case names, as in JSON (max-duration-reached, not-interested), so
-- reordering a C# enum never changes what a row means. The CHECK lists are the enums' names today:
-- adding an enum value needs a migration that widens the list (a contract test saves every value).
--
-- No foreign keys between the three tables: a grain may record events or transcript before the
-- first record upsert lands, and each table is written idempotently on its own.

CREATE TABLE call_records
(
    tenant_id       text COLLATE "C" NOT NULL CHECK (tenant_id LIKE 'tnt\_%'),
    call_id         text COLLATE "C" NOT NULL CHECK (call_id LIKE 'cal\_%'),
    -- Grows with every durable transition of the call grain; the upsert keeps the highest.
    revision        bigint      NOT NULL CHECK (revision >= 0),
    agent_id        text COLLATE "C" NOT NULL CHECK (agent_id LIKE 'agt\_%'),
    brand_id        text COLLATE "C" NULL CHECK (brand_id LIKE 'brd\_%'),
    campaign_id     text COLLATE "C" NULL CHECK (campaign_id LIKE 'cmp\_%'),
    lead_id         text COLLATE "C" NULL CHECK (lead_id LIKE 'led\_%'),
    to_number       text        NOT NULL,
    from_number     text        NULL,
    status          text        NOT NULL
        CHECK (status IN ('queued', 'dialing', 'ringing', 'answered', 'ended')),
    end_reason      text        NULL
        CHECK (end_reason IN ('completed', 'no-answer', 'busy', 'rejected', 'failed', 'voicemail',
                              'cancelled', 'insufficient-funds', 'max-duration-reached')),
    answered_by     text        NULL CHECK (answered_by IN ('human', 'machine')),
    disposition     text        NULL
        CHECK (disposition IN ('qualified', 'not-interested', 'callback-requested', 'wrong-number',
                               'do-not-call')),
    -- The carrier's final SIP response as LiveKit reports it, kept verbatim: no range is imposed on
    -- data from outside, since refusing it would only make the grain's write fail forever.
    sip_status_code integer     NULL,
    -- timestamptz (microseconds): the list cursor carries queued_at in Unix microseconds.
    queued_at       timestamptz NOT NULL,
    answered_at     timestamptz NULL,
    ended_at        timestamptz NULL,
    -- Billing: paid for (or nothing to pay); the sweep keeps waking an ended call until it is.
    settled         boolean     NOT NULL DEFAULT false,
    billed_seconds  bigint      NOT NULL DEFAULT 0 CHECK (billed_seconds >= 0),
    cost_total      bigint      NULL CHECK (cost_total >= 0),
    currency        text        NULL CHECK (currency ~ '^[A-Z]{3}$'),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, call_id),
    -- A reason belongs to an ended call only.
    CHECK (end_reason IS NULL OR status = 'ended')
);

-- Newest-first keyset paging per tenant: WHERE tenant_id = $1 [filters]
-- AND (queued_at, call_id) < (cursor) ORDER BY queued_at DESC, call_id DESC LIMIT n.
-- One index per filter the API offers, each ending in the paging order so a page is an index
-- range scan that stops after n rows; from/to narrow the same range. Combined filters use the most
-- selective of these and check the rest on the rows read.
CREATE INDEX call_records_newest
    ON call_records (tenant_id, queued_at DESC, call_id DESC);

CREATE INDEX call_records_by_status
    ON call_records (tenant_id, status, queued_at DESC, call_id DESC);

CREATE INDEX call_records_by_agent
    ON call_records (tenant_id, agent_id, queued_at DESC, call_id DESC);

-- Partial: calls placed outside a campaign (most test and API calls) never enter this index.
CREATE INDEX call_records_by_campaign
    ON call_records (tenant_id, campaign_id, queued_at DESC, call_id DESC)
    WHERE campaign_id IS NOT NULL;

-- The live-call sweep: every tenant's calls not yet ended or not yet settled, in (tenant_id, call_id)
-- order, paged by a row comparison. Partial, so it holds only the calls in progress and a call leaves
-- it once it has ended and been paid for.
CREATE INDEX call_records_live
    ON call_records (tenant_id, call_id)
    WHERE status <> 'ended' OR NOT settled;

-- A call's history. id orders the entries (bigserial: insertion order, one grain writes a call's
-- events one save at a time); event_key makes recording the same happening twice a no-op.
CREATE TABLE call_events
(
    id        bigserial   PRIMARY KEY,
    tenant_id text COLLATE "C" NOT NULL CHECK (tenant_id LIKE 'tnt\_%'),
    call_id   text COLLATE "C" NOT NULL CHECK (call_id LIKE 'cal\_%'),
    event_key text        NOT NULL CHECK (event_key <> ''),
    at        timestamptz NOT NULL,
    -- status-changed, livekit-webhook, ... (CallEventTypes): open-ended, so only its shape is checked.
    type      text        NOT NULL CHECK (type ~ '^[a-z][a-z0-9-]*$'),
    detail    text        NOT NULL
);

-- The idempotency key, and also the index that reads a call's history (a call has tens of
-- events, sorted by id after the lookup).
CREATE UNIQUE INDEX call_events_key
    ON call_events (tenant_id, call_id, event_key);

-- One row per transcript segment, the agent worker's segment id as key: an interim segment is
-- replaced until a final one arrives, which the upsert never changes again.
CREATE TABLE call_transcript_segments
(
    tenant_id  text COLLATE "C" NOT NULL CHECK (tenant_id LIKE 'tnt\_%'),
    call_id    text COLLATE "C" NOT NULL CHECK (call_id LIKE 'cal\_%'),
    -- TranscriptSegment.MaxIdLength and MaxTextLength.
    segment_id text COLLATE "C" NOT NULL CHECK (char_length(segment_id) BETWEEN 1 AND 64),
    speaker    text        NOT NULL CHECK (speaker IN ('agent', 'callee')),
    text       text        NOT NULL CHECK (char_length(text) <= 4000),
    -- Milliseconds from the answer.
    start_ms   bigint      NOT NULL CHECK (start_ms >= 0),
    end_ms     bigint      NOT NULL,
    final      boolean     NOT NULL,
    PRIMARY KEY (tenant_id, call_id, segment_id),
    CHECK (end_ms >= start_ms)
);
