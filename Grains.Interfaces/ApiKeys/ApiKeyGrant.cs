using VoicePlatform.Tenants;

namespace VoicePlatform.ApiKeys;

/// <summary>What the tenant grain hands to a new key grain: everything but the secret itself.</summary>
[GenerateSerializer, Immutable, Alias("vp.ApiKeyGrant")]
public sealed record ApiKeyGrant
{
    [Id(0)] public required TenantId TenantId { get; init; }
    [Id(1)] public required string SecretHash { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public required ApiKeyRole Role { get; init; }
    [Id(4)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public required string IssuedBy { get; init; }
}
