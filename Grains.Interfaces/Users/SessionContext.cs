namespace VoicePlatform.Users;

/// <summary>Where a sign-in came from, kept with the session so a user can recognise their sessions.</summary>
[GenerateSerializer, Immutable, Alias("vp.SessionContext")]
public sealed record SessionContext
{
    [Id(0)] public string? Address { get; init; }
    [Id(1)] public string? UserAgent { get; init; }
}
