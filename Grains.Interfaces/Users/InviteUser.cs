namespace VoicePlatform.Users;

/// <summary>An admin's invitation of a person by email, with the role they will have.</summary>
[GenerateSerializer, Immutable, Alias("vp.InviteUser")]
public sealed record InviteUser
{
    [Id(0)] public required string Email { get; init; }
    [Id(1)] public required UserRole Role { get; init; }
    [Id(2)] public required string InvitedBy { get; init; }
}
