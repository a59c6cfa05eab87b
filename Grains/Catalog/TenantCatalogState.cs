using VoicePlatform.Catalog;

namespace VoicePlatform.Grains.Catalog;

[GenerateSerializer, Alias("vp.TenantCatalogState")]
public sealed record TenantCatalogState
{
    [Id(0)] public Dictionary<string, BrandEntry> Brands { get; init; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, PersonaEntry> Personas { get; init; } = new(StringComparer.Ordinal);
    [Id(2)] public Dictionary<string, AgentEntry> Agents { get; init; } = new(StringComparer.Ordinal);
}
