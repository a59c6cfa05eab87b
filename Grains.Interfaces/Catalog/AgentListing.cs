namespace VoicePlatform.Catalog;

/// <summary>An agent in a list with its brand badge.</summary>
[GenerateSerializer, Immutable, Alias("vp.AgentListing")]
public sealed record AgentListing
{
    [Id(0)] public required AgentEntry Agent { get; init; }
    [Id(1)] public required BrandBadge Brand { get; init; }
}
