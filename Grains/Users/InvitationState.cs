using VoicePlatform.Users;

namespace VoicePlatform.Grains.Users;

[GenerateSerializer, Alias("vp.InvitationState")]
public sealed record InvitationState
{
    [Id(0)] public InvitationGrant? Grant { get; init; }
    [Id(1)] public DateTimeOffset? AcceptedAt { get; init; }
    [Id(2)] public UserId? AcceptedBy { get; init; }
    [Id(3)] public DateTimeOffset? RevokedAt { get; init; }
}
