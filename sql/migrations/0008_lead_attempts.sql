-- A lead's attempts and its dial claim (issue 11: lead grains).
--
-- attempt_log: every attempt of the lead (its call, when it was dialed, how it ended, what was decided), oldest
-- first. It rides on the lead's row, which the outcome updates anyway, so recording an attempt costs no write of its
-- own. last_dialed_at: when the campaign last claimed the lead; a claim is one UPDATE that takes due leads off the
-- queue (next_callable_at to NULL) only where they are still queued, so two dialers can never claim one lead.

ALTER TABLE leads
    ADD COLUMN attempt_log    jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN last_dialed_at timestamptz;

-- A number's attempts across all of a tenant's campaigns, for frequency caps such as Florida's three in 24 hours:
-- read at dial time by the number, so the index leads with it.
CREATE INDEX leads_by_phone ON leads (tenant_id, phone);
