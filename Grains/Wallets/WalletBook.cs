using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Wallets;

/// <summary>
/// The wallet's money rules, in memory and without I/O: integer minor units, balance never below zero, reserved
/// never above balance, available = balance − reserved. Every call records exactly one ledger entry (a refusal moves
/// nothing but is recorded too) and tells whether available just crossed below the low-balance threshold. The grain
/// applies a batch here, commits the entries, and discards the book if the commit fails.
/// </summary>
public sealed class WalletBook
{
    private readonly Dictionary<string, long> _reservations;
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    public WalletBook(WalletSnapshot snapshot)
    {
        Sequence = snapshot.Sequence;
        Balance = snapshot.Balance;
        Reserved = snapshot.Reserved;
        LowBalance = snapshot.LowBalance;
        _reservations = new Dictionary<string, long>(snapshot.Reservations, StringComparer.Ordinal);
    }

    public long Sequence { get; private set; }
    public long Balance { get; private set; }
    public long Reserved { get; private set; }
    public long Available => Balance - Reserved;

    /// <summary>True from the entry that took available below <see cref="Threshold"/> until one brings it back up.</summary>
    public bool LowBalance { get; private set; }

    /// <summary>The tenant's low-balance threshold in minor units; 0 never warns.</summary>
    public long Threshold { get; set; }

    public IReadOnlyDictionary<string, long> Reservations => _reservations;

    public WalletBookStep Apply(WalletOperation operation, DateTimeOffset at)
    {
        var kind = WalletEntryKinds.Of(operation.Kind);
        var reference = operation.Reference;
        var amount = operation.Amount;
        var open = _reservations.TryGetValue(reference, out var held);
        if (!open && operation.Kind != WalletOperationKind.Reserve)
            return Refuse(kind, WalletOperationStatus.NoReservation, operation, at);

        switch (operation.Kind)
        {
            case WalletOperationKind.Reserve:
            case WalletOperationKind.Extend:
                if (amount > Available) return Refuse(kind, WalletOperationStatus.InsufficientFunds, operation, at);
                Hold(reference, held + amount);
                return Record(kind, operation, amount, balanceChange: 0, reservedChange: amount, shortfall: 0, at);

            case WalletOperationKind.Debit:
            {
                // The reservation pays first; only what exceeds it touches available money, and only all of it or none.
                var fromHeld = Math.Min(amount, held);
                if (amount - fromHeld > Available) return Refuse(kind, WalletOperationStatus.InsufficientFunds, operation, at);
                Hold(reference, held - fromHeld);
                return Record(kind, operation, amount, balanceChange: -amount, reservedChange: -fromHeld, shortfall: 0, at);
            }

            case WalletOperationKind.Settle:
            {
                // The final bill: what the reservation cannot cover comes from available money as far as it goes; the
                // rest is reported, never taken below zero.
                var fromHeld = Math.Min(amount, held);
                var fromAvailable = Math.Min(amount - fromHeld, Available);
                var debited = fromHeld + fromAvailable;
                Close(reference);
                return Record(kind, operation, debited, balanceChange: -debited, reservedChange: -held, shortfall: amount - debited, at);
            }

            case WalletOperationKind.Release:
                Close(reference);
                return Record(kind, operation, held, balanceChange: 0, reservedChange: -held, shortfall: 0, at);

            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation.Kind, "Unknown operation.");
        }
    }

    /// <summary>An operator credit under the platform-made <paramref name="reference"/>; a negative adjustment only takes available money.</summary>
    public WalletBookStep Credit(WalletCredit credit, string reference, DateTimeOffset at)
    {
        var kind = WalletEntryKinds.Of(credit.Kind);
        var status = credit.Amount < 0 && -credit.Amount > Available ? WalletOperationStatus.InsufficientFunds : WalletOperationStatus.Applied;
        var moved = status == WalletOperationStatus.Applied ? credit.Amount : 0;
        return Record(new WalletLedgerEntry
        {
            Sequence = 0,
            Kind = kind,
            Status = status,
            Requested = credit.Amount,
            Amount = moved,
            BalanceChange = moved,
            ReservedChange = 0,
            BalanceAfter = 0,
            ReservedAfter = 0,
            ReservationAfter = 0,
            Reference = reference,
            IdempotencyKey = credit.IdempotencyKey,
            Actor = credit.Actor,
            Note = credit.Note,
            At = at,
        });
    }

    /// <summary>The reservations changed since the last call: what the open ones hold now, and the closed ones.</summary>
    public (IReadOnlyDictionary<string, long> Open, IReadOnlyList<string> Closed) TakeReservationChanges()
    {
        var open = new Dictionary<string, long>(StringComparer.Ordinal);
        var closed = new List<string>();
        foreach (var reference in _touched)
        {
            if (_reservations.TryGetValue(reference, out var held)) open[reference] = held;
            else closed.Add(reference);
        }
        _touched.Clear();
        return (open, closed);
    }

    public WalletSnapshot ToSnapshot() => new()
    {
        Sequence = Sequence,
        Balance = Balance,
        Reserved = Reserved,
        LowBalance = LowBalance,
        Reservations = new Dictionary<string, long>(_reservations, StringComparer.Ordinal),
    };

    private void Hold(string reference, long amount)
    {
        _reservations[reference] = amount;
        _touched.Add(reference);
    }

    private void Close(string reference)
    {
        _reservations.Remove(reference);
        _touched.Add(reference);
    }

    private WalletBookStep Refuse(WalletEntryKind kind, WalletOperationStatus status, WalletOperation operation, DateTimeOffset at) =>
        Record(Entry(kind, status, operation, moved: 0, balanceChange: 0, reservedChange: 0, shortfall: 0, at));

    private WalletBookStep Record(WalletEntryKind kind, WalletOperation operation, long moved, long balanceChange, long reservedChange, long shortfall, DateTimeOffset at) =>
        Record(Entry(kind, WalletOperationStatus.Applied, operation, moved, balanceChange, reservedChange, shortfall, at));

    private static WalletLedgerEntry Entry(WalletEntryKind kind, WalletOperationStatus status, WalletOperation operation, long moved,
        long balanceChange, long reservedChange, long shortfall, DateTimeOffset at) => new()
    {
        Sequence = 0,
        Kind = kind,
        Status = status,
        Requested = operation.Amount,
        Amount = moved,
        BalanceChange = balanceChange,
        ReservedChange = reservedChange,
        Shortfall = shortfall,
        BalanceAfter = 0,
        ReservedAfter = 0,
        ReservationAfter = 0,
        Reference = operation.Reference,
        IdempotencyKey = operation.IdempotencyKey,
        At = at,
    };

    // Numbers the entry, moves the totals and fills in the figures after it; the one place totals change.
    private WalletBookStep Record(WalletLedgerEntry draft)
    {
        Balance = checked(Balance + draft.BalanceChange);
        Reserved = checked(Reserved + draft.ReservedChange);
        // Unreachable by the rules above; checked anyway because a bug here would be a money bug.
        if (Reserved < 0 || Reserved > Balance) throw new InvalidOperationException($"Entry would leave balance {Balance} and reserved {Reserved}.");
        Sequence++;
        var entry = draft with
        {
            Sequence = Sequence,
            BalanceAfter = Balance,
            ReservedAfter = Reserved,
            ReservationAfter = _reservations.GetValueOrDefault(draft.Reference),
        };

        var crossed = false;
        if (Available < Threshold)
        {
            crossed = !LowBalance;
            LowBalance = true;
        }
        else
        {
            LowBalance = false;
        }
        return new WalletBookStep(entry, crossed);
    }
}
