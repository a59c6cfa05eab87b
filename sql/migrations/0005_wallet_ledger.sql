-- Prepaid wallets: the append-only ledger and the wallet snapshot it follows from
-- (PostgresWalletLedgerStore; PostgreSQL 15).
--
-- The ledger is the truth. wallets and wallet_reservations are a snapshot of it (totals and open
-- reservations after the last entry) so that a wallet grain loads two small reads instead of
-- replaying its history. The grain writes both in one transaction per group commit:
--
--   1. upsert the wallets row only WHERE sequence = the sequence the commit was planned on (its row
--      lock makes a second writer wait for the first to finish);
--   2. insert the entries, numbered from that sequence + 1: unique on (tenant, sequence), so a second
--      writer (another activation after a silo failure, or an earlier commit whose answer was lost)
--      fails on its first entry and its whole transaction rolls back; and unique on (tenant,
--      idempotency key), so an operation is never recorded twice, whatever the grain believed;
--   3. upsert and delete the reservations the entries changed.
--
-- Amounts are integer minor units of the tenant's currency. Ids (tnt_..., crd_...) and references
-- are COLLATE "C" so they compare byte by byte, as in memory. Enums are kebab-case text, as in JSON;
-- the CHECK lists are today's values and a new value needs a migration that widens them.

CREATE TABLE wallets
(
    tenant_id   text COLLATE "C" PRIMARY KEY CHECK (tenant_id LIKE 'tnt\_%'),
    -- The last ledger entry this snapshot includes.
    sequence    bigint      NOT NULL CHECK (sequence > 0),
    balance     bigint      NOT NULL CHECK (balance >= 0),
    reserved    bigint      NOT NULL CHECK (reserved >= 0 AND reserved <= balance),
    -- Available is below the threshold and the event for this crossing was raised (re-armed when false).
    low_balance boolean     NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Open reservations only: a settle or release deletes its row. A reservation may be open at zero.
CREATE TABLE wallet_reservations
(
    tenant_id text COLLATE "C" NOT NULL,
    reference text COLLATE "C" NOT NULL,
    amount    bigint NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (tenant_id, reference)
);

CREATE TABLE wallet_ledger
(
    tenant_id         text COLLATE "C" NOT NULL CHECK (tenant_id LIKE 'tnt\_%'),
    -- 1, 2, 3... per tenant without gaps; the order the wallet applied its entries in.
    sequence          bigint      NOT NULL CHECK (sequence > 0),
    kind              text        NOT NULL
        CHECK (kind IN ('top-up', 'bonus', 'refund', 'adjustment', 'reserve', 'extend', 'debit', 'settle', 'release')),
    -- Refusals are recorded too, so a repeat of their key answers the same refusal after a restart.
    status            text        NOT NULL CHECK (status IN ('applied', 'insufficient-funds', 'no-reservation')),
    requested         bigint      NOT NULL,
    amount            bigint      NOT NULL,
    balance_change    bigint      NOT NULL,
    reserved_change   bigint      NOT NULL,
    shortfall         bigint      NOT NULL CHECK (shortfall >= 0),
    balance_after     bigint      NOT NULL CHECK (balance_after >= 0),
    reserved_after    bigint      NOT NULL CHECK (reserved_after >= 0 AND reserved_after <= balance_after),
    reservation_after bigint      NOT NULL CHECK (reservation_after >= 0),
    -- A call id, or for a credit the platform-made credit id (crd_...), never a client's payment id.
    reference         text COLLATE "C" NOT NULL,
    idempotency_key   text COLLATE "C" NOT NULL,
    actor             text        NULL,
    note              text        NULL,
    created_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, sequence),
    -- The backstop behind the grain's in-memory memory of keys: a key is recorded once per tenant, ever.
    CONSTRAINT wallet_ledger_idempotency_key UNIQUE (tenant_id, idempotency_key),
    -- A refusal moves nothing.
    CHECK (status = 'applied' OR (amount = 0 AND balance_change = 0 AND reserved_change = 0)),
    -- Money leaves only by debit, settle or a negative adjustment; only credits add it.
    CHECK (balance_change <= 0 OR kind IN ('top-up', 'bonus', 'refund', 'adjustment'))
);

-- GET /api/wallet/ledger?from=&to= pages newest first by sequence; a time window narrows the range
-- through this index (entries are numbered in time order).
CREATE INDEX wallet_ledger_by_time
    ON wallet_ledger (tenant_id, created_at);

-- Append-only, enforced by the database and not only by the code that writes it.
CREATE FUNCTION wallet_ledger_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'wallet_ledger is append-only (% refused)', TG_OP;
END;
$$;

CREATE TRIGGER wallet_ledger_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON wallet_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION wallet_ledger_refuse_change();
