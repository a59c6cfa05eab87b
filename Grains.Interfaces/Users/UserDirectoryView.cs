namespace VoicePlatform.Users;

/// <summary>A tenant's people: its users and the invitations still open.</summary>
[GenerateSerializer, Immutable, Alias("vp.UserDirectoryView")]
public sealed record UserDirectoryView
{
    [Id(0)] public required IReadOnlyList<UserView> Users { get; init; }
    [Id(1)] public required IReadOnlyList<InvitationView> Invitations { get; init; }
}
