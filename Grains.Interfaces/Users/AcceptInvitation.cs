namespace VoicePlatform.Users;

/// <summary>What the person invited chooses: their name and password.</summary>
[GenerateSerializer, Immutable, Alias("vp.AcceptInvitation")]
public sealed record AcceptInvitation
{
    [Id(0)] public required string DisplayName { get; init; }
    [Id(1)] public required string Password { get; init; }
}
