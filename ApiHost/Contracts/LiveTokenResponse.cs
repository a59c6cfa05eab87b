namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A live hub token, when it stops opening the hub, and where the hub is.</summary>
public sealed record LiveTokenResponse(string Token, DateTimeOffset ExpiresAt, string Hub);
