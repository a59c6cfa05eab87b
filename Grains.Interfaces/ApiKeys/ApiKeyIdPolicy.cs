namespace VoicePlatform.ApiKeys;

/// <summary>
/// What an API host needs to refuse made-up key ids on its own: the platform's tag key, and the ids of keys issued before
/// ids carried a tag (they keep working). Fetched once per host.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.ApiKeyIdPolicy")]
public sealed record ApiKeyIdPolicy
{
    [Id(0)] public required byte[] TagKey { get; init; }
    [Id(1)] public IReadOnlyList<ApiKeyId> LegacyKeyIds { get; init; } = [];
}
