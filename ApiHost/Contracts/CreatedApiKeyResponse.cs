using VoicePlatform.ApiKeys;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>The answer to creating a key: the only time <see cref="Key"/> (the bearer token) is ever shown.</summary>
public sealed record CreatedApiKeyResponse(ApiKeySummary ApiKey, string Key);
