using VoicePlatform.Calls;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>Usage of one provider and model.</summary>
public sealed record UsageItemRequest(UsageKind? Kind, string? Provider, string? Model, long? AudioMs, long? InputTokens, long? OutputTokens, long? Characters);
