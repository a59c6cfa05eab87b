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
    private DateTimeOffset _balancePublishedAt = DateTimeOffset.MinValue;
    private IGrainTimer? _balanceTimer;

    private LiveEventPublisher Live => _live ??= new LiveEventPublisher(Tenant, Tenant.Value,
        liveOptions.Value.StreamProvider is { } name ? this.GetStreamProvider(name) : null, time, logger);

    private void PublishLive(List<WalletLedgerEntry> crossings, TenantSettings settings, bool moved)
    {
        if (liveOptions.Value.StreamProvider is null) return;
        foreach (var entry in crossings)
            Live.Publish(LiveEventTypes.WalletLowBalance, new WalletLowBalanceCrossed { Wallet = CommittedView(settings), LedgerSequence = entry.Sequence }, LiveStreamIds.Tenant(Tenant));
        if (!moved) return;
        var due = _balancePublishedAt + BalanceInterval - time.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            PublishBalance(settings);
            return;
        }
        _balanceTimer ??= this.RegisterGrainTimer(() =>
        {
            PublishBalance(_settings ?? settings);
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, Interleave = true });
    }

    private void PublishBalance(TenantSettings settings)
    {
        _balanceTimer?.Dispose();
        _balanceTimer = null;
        _balancePublishedAt = time.GetUtcNow();
        Live.Publish(LiveEventTypes.WalletUpdated, new WalletUpdated { Wallet = CommittedView(settings) }, LiveStreamIds.Tenant(Tenant));
    }

    /// <summary>The wallet as last committed (what the store holds), without a read.</summary>
    private WalletView CommittedView(TenantSettings settings)
    {
        var (_, balance, reserved) = _committed ?? (0, 0, 0);
        var threshold = CurrencyMinorUnits.ToMinorUnits(settings.LowBalanceThreshold, settings.Currency);
        return new WalletView
        {
            Currency = settings.Currency,
            Balance = balance,
            Reserved = reserved,
            LowBalanceThreshold = threshold,
            LowBalance = balance - reserved < threshold,
        };
    }
}
