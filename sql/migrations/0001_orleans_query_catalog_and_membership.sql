-- Orleans ADO.NET query catalog and cluster membership (Orleans 10.4.2, PostgreSQL 15).
--
-- The Orleans ADO.NET providers ship no SQL: at start-up they read every row of
-- orleansquery and run those texts with named parameters (@DeploymentId, ...). The
-- tables behind the texts are ours. Column names are snake_case; every query aliases
-- them to the names the provider reads (Npgsql matches result columns case-insensitively,
-- so the unquoted, lower-cased aliases are found).
--
-- Applied by SchemaMigrator in one transaction together with its schema_migrations row.

-- Unquoted names on purpose: the provider runs "SELECT QueryKey, QueryText FROM OrleansQuery",
-- which PostgreSQL folds to lower case. text (not char(n)): padded keys would not equal the C# keys.
CREATE TABLE orleansquery
(
    querykey  text PRIMARY KEY,
    querytext text NOT NULL
);

-- One row per cluster (Orleans ClusterId, passed as @DeploymentId). Its version is the
-- membership table's optimistic-concurrency token: Orleans sends the version it read as
-- @Version and expects inserts/updates to succeed only if it is still current.
-- 10.4.2 rejects etags that are not non-negative integers, hence the CHECK.
CREATE TABLE orleans_membership_version
(
    deployment_id text        PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0 CHECK (version >= 0),
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation. Identity is (cluster, address, port, generation).
-- proxy_port is NOT NULL because the provider reads it with GetInt32 (0 = no gateway).
-- suspect_times is opaque to us: Orleans' own "addr,date|addr,date" text, stored verbatim.
CREATE TABLE orleans_membership
(
    deployment_id   text        NOT NULL
        REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- InsertMembershipKey as one unit of work. Orleans never opens a transaction, and a
-- multi-statement text is atomic but not isolated, so the check-and-bump lives here:
--  * The UPDATE of the version row takes its row lock. A concurrent caller with the same
--    expected version waits, then re-checks "version = expected" against the committed row
--    (READ COMMITTED re-evaluation), finds it changed and returns 0: exactly one winner.
--  * The inner block is a subtransaction: if the silo row already exists, the
--    unique_violation handler rolls back the version bump, so a failure changes nothing.
CREATE FUNCTION orleans_membership_insert(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_expected_version integer)
    RETURNS integer
    LANGUAGE plpgsql
AS
$$
BEGIN
    BEGIN
        UPDATE orleans_membership_version
        SET version = version + 1
        WHERE deployment_id = p_deployment_id
          AND version = p_expected_version;
        IF NOT FOUND THEN
            RETURN 0;
        END IF;

        INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                        status, proxy_port, suspect_times, start_time, i_am_alive_time)
        VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
                p_status, p_proxy_port, NULL, p_start_time, p_i_am_alive_time);
        RETURN 1;
    EXCEPTION
        WHEN unique_violation THEN
            RETURN 0;
    END;
END;
$$;

-- UpdateMembershipKey with the same shape: the version row lock decides the single winner,
-- and a missing silo row raises no_data_found inside the block so the bump is undone.
-- Only status, suspect_times and i_am_alive_time change (the contract leaves the rest alone).
CREATE FUNCTION orleans_membership_update(
    p_deployment_id    text,
    p_address          text,
    p_port             integer,
    p_generation       integer,
    p_status           integer,
    p_suspect_times    text,
    p_i_am_alive_time  timestamptz,
    p_expected_version integer)
    RETURNS integer
    LANGUAGE plpgsql
AS
$$
BEGIN
    BEGIN
        UPDATE orleans_membership_version
        SET version = version + 1
        WHERE deployment_id = p_deployment_id
          AND version = p_expected_version;
        IF NOT FOUND THEN
            RETURN 0;
        END IF;

        UPDATE orleans_membership
        SET status          = p_status,
            suspect_times   = p_suspect_times,
            i_am_alive_time = p_i_am_alive_time
        WHERE deployment_id = p_deployment_id
          AND address = p_address
          AND port = p_port
          AND generation = p_generation;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'no_data_found';
        END IF;
        RETURN 1;
    EXCEPTION
        WHEN no_data_found THEN
            RETURN 0;
    END;
END;
$$;

-- The query texts. Each refers only to the parameters its key receives (see
-- /work/shared/orleans/ADONET-CONTRACT.md §3); dollar quoting keeps them readable.
INSERT INTO orleansquery (querykey, querytext)
VALUES
-- Every silo start calls this; it must not fail when the row exists. Returns 1 only for the creator.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer FROM created
$q$),

-- The outer join from the version row guarantees one row (NULL silo columns) for an empty
-- cluster: the provider takes the version from the first row and fails on an empty result.
('MembershipReadAllKey', $q$
SELECT v.version           AS Version,
       m.address           AS Address,
       m.port              AS Port,
       m.generation        AS Generation,
       m.silo_name         AS SiloName,
       m.host_name         AS HostName,
       m.status            AS Status,
       m.proxy_port        AS ProxyPort,
       m.suspect_times     AS SuspectTimes,
       m.start_time        AS StartTime,
       m.i_am_alive_time   AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

-- Same shape as the full read; the silo filter sits in the join so an unknown silo still
-- yields the version row.
('MembershipReadRowKey', $q$
SELECT v.version           AS Version,
       m.address           AS Address,
       m.port              AS Port,
       m.generation        AS Generation,
       m.silo_name         AS SiloName,
       m.host_name         AS HostName,
       m.status            AS Status,
       m.proxy_port        AS ProxyPort,
       m.suspect_times     AS SuspectTimes,
       m.start_time        AS StartTime,
       m.i_am_alive_time   AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

('InsertMembershipKey', $q$
SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                 @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)
$q$),

('UpdateMembershipKey', $q$
SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation,
                                 @Status, @SuspectTimes, @IAmAliveTime, @Version)
$q$),

-- Heartbeat: must leave the version alone, or every heartbeat would invalidate every etag.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
$q$),

-- proxy_port > 0: silos without a gateway must not be handed to clients as port-0 gateways.
('GatewaysQueryKey', $q$
SELECT address    AS Address,
       proxy_port AS ProxyPort,
       generation AS Generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = @Status
  AND proxy_port > 0
$q$),

-- Removing the version row (silo rows follow by ON DELETE CASCADE) lets the next start recreate it at 0.
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version
WHERE deployment_id = @DeploymentId
$q$),

-- Fallback bulk cleanup (10.4.2 prefers the per-row key below when present): only Dead (6)
-- silos that both started and last heartbeated before the cut-off. The version row stays.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = 6
  AND i_am_alive_time < @IAmAliveTime
  AND start_time < @IAmAliveTime
$q$),

-- Per-row cleanup: Orleans picked this row from a read; delete it only if it still holds exactly
-- what was read (a silo that changed since then is spared). NULL-safe for suspect_times.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND suspect_times IS NOT DISTINCT FROM @SuspectTimes
$q$);
