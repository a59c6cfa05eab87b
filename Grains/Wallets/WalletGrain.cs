using VoicePlatform.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Grains.Wallets;

/// <summary>
/// A tenant's wallet. Requests queue up while a commit is in flight and the next commit takes all of them: the
/// batch is applied to the in-memory <see cref="WalletBook"/>, its entries are written to the ledger in one
/// transaction (group commit), and only then is each caller answered. Reentrant so requests keep arriving during a
/// commit; the commit loop is the only code that changes the book.
/// </summary>
/// <remarks>
/// The ledger is the truth and holds no grain state of its own. The book is a cache of the last commit: any failed
/// commit discards it and the next one starts from what the store holds. A commit only lands on the sequence it was
/// planned on, and the ledger's unique key turns away an idempotency key it already has, so a lost answer, a retry,
/// a second activation after a silo failure, or a crash between any two steps can neither lose an entry nor apply
/// one twice: the repeat is recognised and answered with the first result.
/// </remarks>
[Reentrant, GrainType("wallet")]
public sealed partial class WalletGrain(
    IWalletLedgerStore store,
    IOptions<WalletOptions> options,
    IOptions<VoicePlatform.Grains.Live.LiveEventOptions> liveOptions,
    TimeProvider time,
    ILogger<WalletGrain> logger) : Grain, IWalletGrain
{
    private readonly List<WalletRequest> _queue = [];
    private readonly RecentEntries _recent = new(options.Value.RecentKeys);
    private WalletBook? _book;
    private (long Sequence, long Balance, long Reserved)? _committed;
    private bool _committing;
    private TenantSettings? _settings;
    private DateTimeOffset _settingsReadAt;

    private TenantId Tenant => TenantId.Parse(this.GetPrimaryKeyString());

    public async Task<WalletView> GetAsync() => await ViewAsync(await SettingsAsync(fresh: true) ?? TenantSettings.Default);

    public async Task<WalletView?> FindAsync() => await SettingsAsync(fresh: true) is { } settings ? await ViewAsync(settings) : null;

    public async Task<WalletOperationResult> CreditAsync(WalletCredit credit)
    {
        WalletRules.EnsureValid(credit);
        if (await SettingsAsync(fresh: false) is null) return new WalletOperationResult { Status = WalletOperationStatus.TenantNotFound };

        var request = WalletRequest.For(credit, CreditId.For(Tenant, credit.IdempotencyKey));
        Enqueue([request]);
        var result = await request.Answer.Task;
        if (result.Status == WalletOperationStatus.Applied)
        {
            logger.LogInformation("Wallet of tenant {TenantId} credited {Amount} ({CreditKind}) by {Actor} as {CreditId}",
                Tenant, credit.Amount, credit.Kind, credit.Actor, result.Reference);
        }
        return result;
    }

    public async Task<IReadOnlyList<WalletOperationResult>> ExecuteAsync(IReadOnlyList<WalletOperation> operations)
    {
        foreach (var operation in operations) WalletRules.EnsureValid(operation);
        var requests = operations.Select(WalletRequest.For).ToArray();
        Enqueue(requests);
        var results = await Task.WhenAll(requests.Select(r => r.Answer.Task));
        for (var i = 0; i < results.Length; i++) WalletMetrics.Answered(operations[i], results[i]);
        return results;
    }

    private void Enqueue(IReadOnlyList<WalletRequest> requests)
    {
        _queue.AddRange(requests);
        if (_committing) return;
        _committing = true;
        // Runs on this activation's scheduler; it answers every request it takes and never throws.
        _ = CommitQueuedAsync();
    }

    private async Task CommitQueuedAsync()
    {
        try
        {
            while (_queue.Count > 0)
            {
                var count = Math.Min(_queue.Count, Math.Max(1, options.Value.MaxCommitSize));
                var batch = _queue.GetRange(0, count);
                _queue.RemoveRange(0, count);
                await CommitAsync(batch);
            }
        }
        finally
        {
            _committing = false;
        }
    }

    private async Task CommitAsync(List<WalletRequest> batch)
    {
        var lookUpKeys = false;
        var known = new Dictionary<string, WalletLedgerEntry>(StringComparer.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (lookUpKeys)
                {
                    // The ledger turned a key away or moved on: learn which of these keys it already has, so the new
                    // plan answers them as repeats instead of applying them again. Kept here, not only in the bounded
                    // memory of recent keys, which a large batch of old keys would overflow.
                    var keys = batch.Select(r => r.IdempotencyKey).Distinct(StringComparer.Ordinal).ToList();
                    foreach (var entry in await store.FindAsync(Tenant, keys)) known[entry.IdempotencyKey] = entry;
                }

                var book = _book ?? new WalletBook(await store.LoadAsync(Tenant));
                _book = null;
                var settings = await SettingsAsync(fresh: false) ?? TenantSettings.Default;
                book.Threshold = CurrencyMinorUnits.ToMinorUnits(settings.LowBalanceThreshold, settings.Currency);
                var expected = book.Sequence;
                var plan = Plan(batch, book, known);

                var events = plan.Entries.Count > 0 ? WalletWebhookEvents.Of(Tenant, plan.Entries, plan.Crossings, settings) : [];
                if (plan.Entries.Count > 0)
                {
                    var (open, closed) = book.TakeReservationChanges();
                    await store.CommitAsync(Tenant, new WalletCommit
                    {
                        ExpectedSequence = expected,
                        Entries = plan.Entries,
                        Balance = book.Balance,
                        Reserved = book.Reserved,
                        LowBalance = book.LowBalance,
                        OpenReservations = open,
                        ClosedReservations = closed,
                        Events = events,
                    });
                }

                // Durable: from here on the book is what the store holds.
                _book = book;
                _committed = (book.Sequence, book.Balance, book.Reserved);
                foreach (var entry in plan.Entries) _recent.Add(entry);
                for (var i = 0; i < batch.Count; i++) batch[i].Answer.TrySetResult(plan.Answers[i]);
                if (events.Count > 0) GrainFactory.GetTenantWebhooks(Tenant).WakeAsync().Ignore();
                await PublishAsync(plan.Crossings, book.Threshold, settings.Currency);
                PublishLive(plan.Crossings, settings, plan.Entries.Count > 0);
                return;
            }
            catch (WalletCommitConflictException conflict) when (attempt < options.Value.MaxCommitAttempts)
            {
                logger.LogInformation(conflict, "Wallet of tenant {TenantId} moved on under a commit of {Count} requests; reloading (attempt {Attempt})",
                    Tenant, batch.Count, attempt);
                _committed = null;
                lookUpKeys = true;
            }
            catch (Exception failure)
            {
                // The commit may or may not have landed: the book was already dropped, the next commit reloads it, and
                // the callers' retries (same keys) learn the outcome. Callers get one serializable error type; the
                // cause (a database exception Orleans could not carry) stays in the log.
                _committed = null;
                logger.LogWarning(failure, "Wallet commit of {Count} requests for tenant {TenantId} failed", batch.Count, Tenant);
                var unavailable = new WalletUnavailableException($"The wallet could not record the request ({failure.GetType().Name}); retry it with the same idempotency key.");
                foreach (var request in batch) request.Answer.TrySetException(unavailable);
                return;
            }
        }
    }

    private CommitPlan Plan(List<WalletRequest> batch, WalletBook book, Dictionary<string, WalletLedgerEntry> known)
    {
        // Microseconds: what PostgreSQL keeps, so an entry reads back exactly as it was answered.
        var at = time.GetStoredUtcNow();
        var plan = new CommitPlan(new WalletOperationResult[batch.Count]);
        var planned = new Dictionary<string, WalletLedgerEntry>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
            if (_recent.TryGet(request.IdempotencyKey, out var first) || known.TryGetValue(request.IdempotencyKey, out first)
                || planned.TryGetValue(request.IdempotencyKey, out first))
            {
                plan.Answers[i] = request.IsRepeatOf(first)
                    ? Result(first, replay: true)
                    : new WalletOperationResult { Status = WalletOperationStatus.Conflict, Balance = book.Balance, Reserved = book.Reserved };
                continue;
            }

            var step = request.ApplyTo(book, at);
            planned[request.IdempotencyKey] = step.Entry;
            plan.Entries.Add(step.Entry);
            plan.Answers[i] = Result(step.Entry, replay: false);
            if (step.CrossedBelowThreshold) plan.Crossings.Add(step.Entry);
        }
        return plan;
    }

    private static WalletOperationResult Result(WalletLedgerEntry entry, bool replay) => new()
    {
        Status = replay && entry.Status == WalletOperationStatus.Applied ? WalletOperationStatus.Replayed : entry.Status,
        Amount = entry.Amount,
        Shortfall = entry.Shortfall,
        ReservationRemaining = entry.ReservationAfter,
        Balance = entry.BalanceAfter,
        Reserved = entry.ReservedAfter,
        Sequence = entry.Sequence,
        Reference = entry.Reference,
    };

    private async Task PublishAsync(List<WalletLedgerEntry> crossings, long threshold, string currency)
    {
        if (crossings.Count == 0 || options.Value.EventStreamProvider is not { } provider) return;
        try
        {
            var stream = this.GetStreamProvider(provider).GetStream<WalletLowBalanceReached>(StreamId.Create(TenantEventStreams.Namespace, Tenant.Value));
            foreach (var entry in crossings)
            {
                logger.LogInformation("Wallet of tenant {TenantId} fell below its low-balance threshold at entry {Sequence}", Tenant, entry.Sequence);
                await stream.OnNextAsync(new WalletLowBalanceReached
                {
                    TenantId = Tenant,
                    Currency = currency,
                    Balance = entry.BalanceAfter,
                    Reserved = entry.ReservedAfter,
                    Available = entry.AvailableAfter,
                    Threshold = threshold,
                    Sequence = entry.Sequence,
                    At = entry.At,
                });
            }
        }
        catch (Exception e)
        {
            // The live stream is best effort (in memory); the wallet and GET /api/wallet still say lowBalance.
            logger.LogWarning(e, "Low-balance event of tenant {TenantId} was not published", Tenant);
        }
    }

    private async Task<WalletView> ViewAsync(TenantSettings settings)
    {
        var (_, balance, reserved) = _committed ?? await LoadTotalsAsync();
        return View(balance, reserved, settings);
    }

    private static WalletView View(long balance, long reserved, TenantSettings settings)
    {
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

    // A read never installs a book: only the commit loop does, so a read can never slip a stale one under a commit.
    // It keeps the totals it read unless a commit has meanwhile recorded newer ones.
    private async Task<(long, long, long)> LoadTotalsAsync()
    {
        var snapshot = await store.LoadAsync(Tenant);
        var totals = (snapshot.Sequence, snapshot.Balance, snapshot.Reserved);
        if (_committed is not { } known || known.Sequence < snapshot.Sequence) _committed = totals;
        return totals;
    }

    private async Task<TenantSettings?> SettingsAsync(bool fresh)
    {
        if (fresh || _settings is null || time.GetUtcNow() - _settingsReadAt >= options.Value.SettingsRefreshInterval)
        {
            _settings = (await GrainFactory.GetTenant(Tenant).GetAsync())?.Settings;
            _settingsReadAt = time.GetUtcNow();
        }
        return _settings;
    }

    private sealed record CommitPlan(WalletOperationResult[] Answers)
    {
        public List<WalletLedgerEntry> Entries { get; } = [];
        public List<WalletLedgerEntry> Crossings { get; } = [];
    }
}
