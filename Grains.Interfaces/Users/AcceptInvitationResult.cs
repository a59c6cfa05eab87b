namespace VoicePlatform.Users;

/// <summary>An acceptance: the new user's first session, or why the invitation cannot be accepted.</summary>
[GenerateSerializer, Immutable, Alias("vp.AcceptInvitationResult")]
public sealed record AcceptInvitationResult
{
    [Id(0)] public SignInResult? SignedIn { get; init; }
    /// <summary>Set when refused: the invitation is unknown, expired, revoked or used, or the email already has an account.</summary>
    [Id(1)] public string? Refusal { get; init; }

    public static AcceptInvitationResult Refused(string why) => new() { Refusal = why };
}
