namespace VoicePlatform.Grains.Users;

/// <summary>One signed-in browser: the secret's hash, never the secret.</summary>
[GenerateSerializer, Immutable, Alias("vp.UserSession")]
public sealed record UserSession
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string SecretHash { get; init; }
    [Id(2)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(3)] public required DateTimeOffset ExpiresAt { get; init; }
    [Id(4)] public required DateTimeOffset LastSeenAt { get; init; }
    [Id(5)] public string? Address { get; init; }
    [Id(6)] public string? UserAgent { get; init; }
}
