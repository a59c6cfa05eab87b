namespace VoicePlatform.Common;

/// <summary>One page of a list; pass <see cref="Next"/> as <c>after</c> for the next page (null on the last).</summary>
[GenerateSerializer, Immutable, Alias("vp.Page`1")]
public sealed record Page<T>
{
    [Id(0)] public required IReadOnlyList<T> Items { get; init; }
    [Id(1)] public string? Next { get; init; }
}
