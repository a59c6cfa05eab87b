using VoicePlatform.ApiKeys;

namespace VoicePlatform.Grains.ApiKeys;

[GenerateSerializer, Alias("vp.ApiKeyIdPolicyState")]
public sealed record ApiKeyIdPolicyState
{
    [Id(0)] public byte[]? TagKey { get; init; }
    [Id(1)] public IReadOnlyList<ApiKeyId> LegacyKeyIds { get; init; } = [];
}
