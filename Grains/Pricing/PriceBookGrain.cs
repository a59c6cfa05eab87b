using Microsoft.Extensions.Logging;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Pricing;

namespace VoicePlatform.Grains.Pricing;

[GrainType("price-book")]
public sealed class PriceBookGrain(
    [PersistentState("price-book", StorageNames.Platform)] IPersistentState<PriceBookState> state,
    TimeProvider time,
    ILogger<PriceBookGrain> logger) : Grain, IPriceBookGrain
{
    private string Currency => this.GetPrimaryKeyString();

    private IReadOnlyList<PriceBookVersionEntry> Versions => state.State.Versions;

    public Task<PriceBook?> GetCurrentAsync() => Task.FromResult(Versions.Count == 0 ? null : View(Versions[^1]));

    public Task<int> GetCurrentVersionAsync() => Task.FromResult(Versions.Count);

    public Task<PriceBook?> GetVersionAsync(int version) =>
        Task.FromResult(version >= 1 && version <= Versions.Count ? View(Versions[version - 1]) : null);

    public async Task<WriteResult<PriceBook>> PublishAsync(PublishPriceBook command)
    {
        if (!Currencies.IsKnown(Currency)) throw new ArgumentException($"currency: '{Currency}' is not an ISO 4217 currency code.");
        PricingRules.EnsureValid(command.Rates);

        // A retried publish finds the version its key made, even after later versions (the key is checked before If-Match).
        if (command.IdempotencyKey is { } key && Versions.FirstOrDefault(v => v.IdempotencyKey == key) is { } earlier)
        {
            return earlier.Rates.SameAs(command.Rates)
                ? WriteResult<PriceBook>.Ok(View(earlier))
                : WriteResult<PriceBook>.Conflict("This idempotency key already published different rates.", [$"version {earlier.Version}"]);
        }
        if (command.ExpectedVersion is { } expected && expected != Versions.Count) return WriteResult<PriceBook>.Stale();

        var entry = new PriceBookVersionEntry
        {
            Version = Versions.Count + 1,
            Rates = command.Rates,
            PublishedAt = time.GetUtcNow(),
            PublishedBy = command.PublishedBy,
            IdempotencyKey = command.IdempotencyKey,
        };
        var previous = state.State;
        state.State = previous with { Versions = [.. Versions, entry] };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Nothing was published: the activation must not keep answering a version the store does not hold.
            state.State = previous;
            throw;
        }
        logger.LogInformation("Price book {Currency} version {Version} published by {PublishedBy}", Currency, entry.Version, entry.PublishedBy);
        return WriteResult<PriceBook>.Created(View(entry));
    }

    private PriceBook View(PriceBookVersionEntry entry) => new()
    {
        Currency = Currency,
        Version = entry.Version,
        Rates = entry.Rates,
        PublishedAt = entry.PublishedAt,
        PublishedBy = entry.PublishedBy,
    };
}
