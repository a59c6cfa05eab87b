using VoicePlatform.Common;
namespace VoicePlatform.Calls;

/// <summary>A batch of usage; its <see cref="Id"/> is the worker's, and a repeated id adds nothing.</summary>
[GenerateSerializer, Immutable, Alias("vp.UsageReport")]
public sealed record UsageReport
{
    public const int MaxIdLength = 64;
    public const int MaxItems = 50;

    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required IReadOnlyList<UsageItem> Items { get; init; }

    /// <summary>The same report: same id, same items in the same order.</summary>
    public bool SameAs(UsageReport other) =>
        this with { Items = other.Items } == other && ValueEquality.Lists(Items, other.Items);
}
