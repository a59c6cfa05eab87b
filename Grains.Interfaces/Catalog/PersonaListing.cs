namespace VoicePlatform.Catalog;

/// <summary>A persona in a list, with its brand and how many agents use it.</summary>
[GenerateSerializer, Immutable, Alias("vp.PersonaListing")]
public sealed record PersonaListing
{
    [Id(0)] public required PersonaEntry Persona { get; init; }
    [Id(1)] public required BrandBadge Brand { get; init; }
    [Id(2)] public required int AgentCount { get; init; }
}
