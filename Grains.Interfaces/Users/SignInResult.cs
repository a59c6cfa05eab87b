namespace VoicePlatform.Users;

/// <summary>A sign-in's answer: on success the session's token (for the cookie) and the user.</summary>
[GenerateSerializer, Immutable, Alias("vp.SignInResult")]
public sealed record SignInResult
{
    [Id(0)] public required SignInOutcome Outcome { get; init; }
    [Id(1)] public string? SessionToken { get; init; }
    [Id(2)] public UserView? User { get; init; }
    [Id(3)] public DateTimeOffset? ExpiresAt { get; init; }

    public static SignInResult Failed(SignInOutcome outcome) => new() { Outcome = outcome };
}
