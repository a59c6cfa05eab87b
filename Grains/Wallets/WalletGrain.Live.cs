using VoicePlatform.Grains.Live;
using VoicePlatform.Live;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.Grains.Wallets;

/// <summary>
/// The wallet's live events on its tenant's stream: a low-balance crossing at once, and the balance after money moved
/// at most every <see cref="BalanceInterval"/> (the last always) — a busy tenant's thousands of operations a second
/// must not become thousands of events.
/// </summary>
public sealed partial class WalletGrain
{
    public static readonly TimeSpan BalanceInterval = TimeSpan.FromSeconds(1);

    private LiveEventPublisher? _live;
    private TrailingThrottle? _balance;

    private LiveEventPublisher? Live => liveOptions.Value.StreamProvider is not { } name ? null
        : _live ??= new LiveEventPublisher(Tenant, Tenant.Value, this.GetStreamProvider(name), time, logger);

    private void PublishLive(List<WalletLedgerEntry> crossings, TenantSettings settings, bool moved)
    {
        if (Live is not { } live) return;
        foreach (var entry in crossings)
            if (CommittedView(settings) is { } wallet)
                live.Publish(LiveEventTypes.WalletLowBalance, new WalletLowBalanceCrossed { Wallet = wallet, LedgerSequence = entry.Sequence }, LiveStreamIds.Tenant(Tenant));
        if (!moved) return;
        (_balance ??= new TrailingThrottle(BalanceInterval, time,
            (due, callback) => this.RegisterGrainTimer(callback, new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, Interleave = true }),
            () =>
            {
                // A commit that failed since leaves the totals unknown until the next one, which publishes again.
                if (CommittedView(_settings ?? settings) is { } wallet)
                    live.Publish(LiveEventTypes.WalletUpdated, new WalletUpdated { Wallet = wallet }, LiveStreamIds.Tenant(Tenant));
            })).Changed();
    }

    /// <summary>The wallet as last committed (what the store holds), without a read; null while that is unknown.</summary>
    private WalletView? CommittedView(TenantSettings settings) =>
        _committed is { } known ? View(known.Balance, known.Reserved, settings) : null;
}
