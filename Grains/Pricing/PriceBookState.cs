namespace VoicePlatform.Grains.Pricing;

/// <summary>
/// Every version of one currency's book, oldest first (version N at index N − 1). Versions are small and published
/// rarely, and a call may be priced with any of them, so all stay in the grain's state.
/// </summary>
[GenerateSerializer, Alias("vp.PriceBookState")]
public sealed record PriceBookState
{
    [Id(0)] public IReadOnlyList<PriceBookVersionEntry> Versions { get; init; } = [];
}
