-- Orleans ADO.NET grain storage (Orleans 10.4.2, PostgreSQL 15).
--
-- One row per (service, state name, grain key). The provider sends seven identity
-- parameters on every call and every query compares all seven: the hashes serve the index,
-- the real columns make a hash collision harmless. Changing the provider's hasher later
-- (UseOrleans3CompatibleHasher) would make existing rows unreachable.

CREATE TABLE orleans_grain_state
(
    service_id                text        NOT NULL,
    -- The state name ([PersistentState("name")]), not the grain class.
    grain_type_string         text        NOT NULL,
    grain_type_hash           integer     NOT NULL,
    grain_id_hash             integer     NOT NULL,
    -- GUID keys: the two halves; integer keys: 0 and the key; string keys: 0 and 0.
    grain_id_n0               bigint      NOT NULL,
    grain_id_n1               bigint      NOT NULL,
    -- The key extension, or the whole key for string keys; NULL when a GUID/integer key has none.
    grain_id_extension_string text        NULL,
    -- Serializer output kept byte for byte (bytea, not jsonb: jsonb would reorder "$type").
    -- NULL after a clear: the row stays so its version keeps guarding later writes.
    payload_binary            bytea       NULL,
    version                   integer     NOT NULL,
    modified_at               timestamptz NOT NULL DEFAULT now()
);

-- The identity is unique in the schema, not by a NOT EXISTS check (which races under
-- READ COMMITTED). NULLS NOT DISTINCT makes two keys without an extension collide too, so two
-- concurrent first writes give one insert and one conflict.
--
-- The index holds exactly the columns every query compares, hashes included. Without the hashes
-- it would be broader than what reads match: an integer key and a GUID key holding the same two
-- longs (same n0/n1, different grain_id_hash) would then share one unique slot, so one grain's
-- row would block the other's first write while staying invisible to its reads.
-- Hashes first: "extension IS NOT DISTINCT FROM @x" is not indexable, so lookups use the
-- leading equality columns and check the extension on the few rows left.
CREATE UNIQUE INDEX orleans_grain_state_identity
    ON orleans_grain_state (grain_id_hash, grain_type_hash, service_id, grain_type_string,
                            grain_id_n0, grain_id_n1, grain_id_extension_string)
    NULLS NOT DISTINCT;

INSERT INTO orleansquery (querykey, querytext)
VALUES
-- 0 or 1 row (the unique index guarantees at most one). A NULL payload with a version is a
-- cleared state: the provider reports it as not existing but keeps the version as its ETag.
('ReadFromStorageKey', $q$
SELECT payload_binary AS PayloadBinary,
       version        AS Version
FROM orleans_grain_state
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND grain_type_string = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

-- One statement, two branches chosen by @GrainStateVersion:
--  * NULL (the grain has no ETag): first write. ON CONFLICT DO NOTHING makes a row that already
--    exists (written or cleared by someone else) a conflict: no row comes back.
--  * not NULL: replace only if the stored version is still the one the grain read.
-- No row back means conflict; the provider then raises InconsistentStateException.
('WriteToStorageKey', $q$
WITH inserted AS (
    INSERT INTO orleans_grain_state (service_id, grain_type_string, grain_type_hash, grain_id_hash,
                                     grain_id_n0, grain_id_n1, grain_id_extension_string,
                                     payload_binary, version)
    SELECT @ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdHash,
           @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
           @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
),
updated AS (
    UPDATE orleans_grain_state
    SET payload_binary = @PayloadBinary,
        version = version + 1,
        modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND grain_id_hash = @GrainIdHash
      AND grain_type_hash = @GrainTypeHash
      AND service_id = @ServiceId
      AND grain_type_string = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT version AS NewGrainStateVersion FROM inserted
UNION ALL
SELECT version FROM updated
$q$),

-- Clear keeps the row (payload NULL) and raises the version, so a stale writer still conflicts
-- and a version-less first write cannot resurrect the state. The provider reads ordinal 0.
('ClearStorageKey', $q$
UPDATE orleans_grain_state
SET payload_binary = NULL,
    version = version + 1,
    modified_at = now()
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND grain_type_string = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version
$q$),

-- Used instead of the clear when DeleteStateOnClear = true. The provider only needs a value
-- different from the old version on success, and no row on conflict.
('DeleteStorageKey', $q$
DELETE FROM orleans_grain_state
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND grain_type_string = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1
$q$);
