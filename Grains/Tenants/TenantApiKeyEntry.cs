using VoicePlatform.ApiKeys;

namespace VoicePlatform.Grains.Tenants;

/// <summary>The tenant's record of one of its keys; the key grain holds the secret hash and usage.</summary>
[GenerateSerializer, Immutable, Alias("vp.TenantApiKeyEntry")]
public sealed record TenantApiKeyEntry
{
    [Id(0)] public required ApiKeyId KeyId { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required ApiKeyRole Role { get; init; }
    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(4)] public DateTimeOffset? RevokedAt { get; init; }
    [Id(5)] public required string IssuedBy { get; init; }
}
