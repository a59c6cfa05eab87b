using VoicePlatform.ApiKeys;

namespace VoicePlatform.Grains.ApiKeys;

[GenerateSerializer, Alias("vp.ApiKeyState")]
public sealed record ApiKeyState
{
    [Id(0)] public ApiKeyGrant? Grant { get; init; }
    [Id(1)] public DateTimeOffset? RevokedAt { get; init; }
    [Id(2)] public DateTimeOffset? LastUsedAt { get; init; }
}
