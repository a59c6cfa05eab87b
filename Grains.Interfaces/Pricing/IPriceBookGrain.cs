using Orleans.Concurrency;
using VoicePlatform.Common;

namespace VoicePlatform.Pricing;

/// <summary>
/// The operator's price book for one currency, keyed by its ISO 4217 code (USD). Every published version is kept
/// and never changes, so a call quoted at version N is priced at version N whenever it ends.
/// </summary>
[Alias("vp.IPriceBookGrain")]
public interface IPriceBookGrain : IGrainWithStringKey
{
    /// <summary>The newest version, or null when none was published.</summary>
    [ReadOnly]
    Task<PriceBook?> GetCurrentAsync();

    /// <summary>The newest version's number, 0 when none: the cheap question every quote asks.</summary>
    [ReadOnly]
    Task<int> GetCurrentVersionAsync();

    /// <summary>Version <paramref name="version"/>, or null when there is no such version.</summary>
    [ReadOnly]
    Task<PriceBook?> GetVersionAsync(int version);

    /// <summary>
    /// Publishes the next version: Created. The same idempotency key with the same rates answers the version it
    /// made (Ok), with other rates Conflict; a stale <see cref="PublishPriceBook.ExpectedVersion"/> PreconditionFailed.
    /// </summary>
    Task<WriteResult<PriceBook>> PublishAsync(PublishPriceBook command);
}
