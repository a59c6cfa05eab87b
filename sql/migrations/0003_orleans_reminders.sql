-- Orleans ADO.NET reminder table (Orleans 10.4.2, PostgreSQL 15).
--
-- One row per (service, grain, reminder name). The reminder service reads the rows of its
-- slice of the hash ring, so (service_id, grain_hash) is indexed.

CREATE TABLE orleans_reminder
(
    service_id    text        NOT NULL,
    -- GrainId.ToString() ("type/key"): text, since tenant keys can be long.
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    -- timestamptz: Npgsql sends UTC DateTimes as timestamptz; a timestamp column would shift
    -- values by the session TimeZone.
    start_time    timestamptz NOT NULL,
    -- Milliseconds. bigint: periods above ~24.8 days do not fit an integer.
    period        bigint      NOT NULL,
    -- The uint ring hash cast to int by the provider, so the top half of the ring is negative.
    -- Stored and compared as signed integer to match the provider's range choice.
    grain_hash    integer     NOT NULL,
    -- The ETag. Bumped on every upsert; deletes compare it.
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX orleans_reminder_ring
    ON orleans_reminder (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext)
VALUES
-- Unconditional overwrite (the provider sends no ETag) that always returns the new version.
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminder (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time,
    period = excluded.period,
    grain_hash = excluded.grain_hash,
    version = orleans_reminder.version + 1
RETURNING version AS Version
$q$),

('ReadReminderRowsKey', $q$
SELECT grain_id      AS GrainId,
       reminder_name AS ReminderName,
       start_time    AS StartTime,
       period        AS Period,
       version       AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id      AS GrainId,
       reminder_name AS ReminderName,
       start_time    AS StartTime,
       period        AS Period,
       version       AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND grain_id = @GrainId
  AND reminder_name = @ReminderName
$q$),

-- Used when (int)begin < (int)end: the half-open range (begin, end].
('ReadRangeRows1Key', $q$
SELECT grain_id      AS GrainId,
       reminder_name AS ReminderName,
       start_time    AS StartTime,
       period        AS Period,
       version       AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND grain_hash > @BeginHash
  AND grain_hash <= @EndHash
$q$),

-- Used otherwise: the range wraps past the signed maximum (begin = end means the whole ring).
('ReadRangeRows2Key', $q$
SELECT grain_id      AS GrainId,
       reminder_name AS ReminderName,
       start_time    AS StartTime,
       period        AS Period,
       version       AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

-- Always one row: 1 if the reminder existed with that ETag and was deleted, else 0.
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND grain_id = @GrainId
      AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1
)
SELECT count(*)::integer FROM deleted
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminder
WHERE service_id = @ServiceId
$q$);
