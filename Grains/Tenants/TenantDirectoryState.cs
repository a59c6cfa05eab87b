using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Tenants;

[GenerateSerializer, Alias("vp.TenantDirectoryState")]
public sealed record TenantDirectoryState
{
    [Id(0)] public Dictionary<string, TenantListing> Tenants { get; init; } = new(StringComparer.Ordinal);
}
