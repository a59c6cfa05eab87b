-- The live floor and supervisors (issue 12; PostgreSQL 15).
--
-- A supervisor's whisper is noted in the transcript by the agent as a `coach` line: the callee never
-- hears it, but whoever reads the call afterwards must see what the agent was told.
ALTER TABLE call_transcript_segments
    DROP CONSTRAINT call_transcript_segments_speaker_check,
    ADD CONSTRAINT call_transcript_segments_speaker_check CHECK (speaker IN ('agent', 'callee', 'coach'));

-- abandoned: answered by a person while no AI agent was there to talk (the call grain decides; see
-- CallLifecycle.IsAbandoned), counted by the wallboard's abandon rate.
-- taken_over_by: the API key id of the supervisor who removed the AI agent and went on with the callee.
ALTER TABLE call_records
    ADD COLUMN abandoned     boolean NOT NULL DEFAULT false,
    ADD COLUMN taken_over_by text    NULL CHECK (char_length(taken_over_by) BETWEEN 1 AND 200);

-- The floor's figures for the last 15 minutes (calls ended per minute, answer and abandon rates,
-- average handle time) read the calls a tenant ended in a time range. Only ended calls are indexed,
-- each once, when it ends.
CREATE INDEX call_records_ended
    ON call_records (tenant_id, ended_at)
    WHERE ended_at IS NOT NULL;
