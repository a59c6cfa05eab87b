namespace VoicePlatform.ApiKeys;

/// <summary>What anyone may see of a key: never the secret, never its hash.</summary>
[GenerateSerializer, Immutable, Alias("vp.ApiKeySummary")]
public sealed record ApiKeySummary
{
    [Id(0)] public required ApiKeyId KeyId { get; init; }
    [Id(1)] public required string Prefix { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public required ApiKeyRole Role { get; init; }
    [Id(4)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public DateTimeOffset? LastUsedAt { get; init; }
    [Id(6)] public DateTimeOffset? RevokedAt { get; init; }
    [Id(7)] public required string IssuedBy { get; init; }
}
