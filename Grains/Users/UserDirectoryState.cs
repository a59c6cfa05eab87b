using VoicePlatform.Users;

namespace VoicePlatform.Grains.Users;

[GenerateSerializer, Alias("vp.UserDirectoryState")]
public sealed record UserDirectoryState
{
    [Id(0)] public IReadOnlyList<UserId> Members { get; init; } = [];
    /// <summary>Invitations not yet accepted (revoked and expired ones are pruned at the next invitation).</summary>
    [Id(1)] public IReadOnlyList<OpenInvitation> Invitations { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("vp.OpenInvitation")]
public sealed record OpenInvitation
{
    [Id(0)] public required InvitationId Id { get; init; }
    [Id(1)] public required string Email { get; init; }
    [Id(2)] public required DateTimeOffset ExpiresAt { get; init; }
}
