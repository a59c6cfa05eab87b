namespace VoicePlatform.Users;

/// <summary>A new invitation and the one token that accepts it (shown once; only its hash is kept).</summary>
[GenerateSerializer, Immutable, Alias("vp.CreatedInvitation")]
public sealed record CreatedInvitation
{
    [Id(0)] public required InvitationView Invitation { get; init; }
    [Id(1)] public required string Token { get; init; }
}
