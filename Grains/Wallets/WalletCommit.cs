using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Wallets;

/// <summary>
/// One group commit: entries to append and the wallet after them, written in one transaction only if the stored
/// wallet is still at <see cref="ExpectedSequence"/>.
/// </summary>
public sealed record WalletCommit
{
    public required long ExpectedSequence { get; init; }
    /// <summary>Numbered <see cref="ExpectedSequence"/> + 1, + 2, … in order.</summary>
    public required IReadOnlyList<WalletLedgerEntry> Entries { get; init; }
    public required long Balance { get; init; }
    public required long Reserved { get; init; }
    public required bool LowBalance { get; init; }
    /// <summary>Reservations opened or changed by the entries, with what they hold now.</summary>
    public required IReadOnlyDictionary<string, long> OpenReservations { get; init; }
    /// <summary>Reservations the entries closed.</summary>
    public required IReadOnlyList<string> ClosedReservations { get; init; }
    /// <summary>Webhook events the entries cause (credits, low-balance crossings), recorded in the outbox in the same transaction.</summary>
    public IReadOnlyList<VoicePlatform.Webhooks.TenantEvent> Events { get; init; } = [];

    public long Sequence => Entries.Count == 0 ? ExpectedSequence : Entries[^1].Sequence;
}
