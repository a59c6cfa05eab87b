using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Wallets;

/// <summary>
/// The committed ledger entries of the last idempotency keys a wallet saw, so that a repeat (a retry after a lost
/// answer, nearly always soon after the first) is answered without touching the database. Bounded: the oldest keys
/// are forgotten first, and a repeat of a forgotten key is still caught by the ledger's unique key.
/// </summary>
public sealed class RecentEntries(int capacity)
{
    private readonly Dictionary<string, WalletLedgerEntry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count => _entries.Count;

    public bool TryGet(string idempotencyKey, out WalletLedgerEntry entry) => _entries.TryGetValue(idempotencyKey, out entry!);

    public void Add(WalletLedgerEntry entry)
    {
        if (!_entries.TryAdd(entry.IdempotencyKey, entry)) return;
        _order.Enqueue(entry.IdempotencyKey);
        while (_entries.Count > Math.Max(1, capacity)) _entries.Remove(_order.Dequeue());
    }

    public void Clear()
    {
        _entries.Clear();
        _order.Clear();
    }
}
