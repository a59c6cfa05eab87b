using VoicePlatform.Tenants;

namespace VoicePlatform.Users;

/// <summary>An invitation as its tenant's admins see it; the link's secret is shown once, when it is created.</summary>
[GenerateSerializer, Immutable, Alias("vp.InvitationView")]
public sealed record InvitationView
{
    [Id(0)] public required InvitationId Id { get; init; }
    [Id(1)] public required string Email { get; init; }
    [Id(2)] public required UserRole Role { get; init; }
    [Id(3)] public TenantId? TenantId { get; init; }
    [Id(4)] public required string InvitedBy { get; init; }
    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public required DateTimeOffset ExpiresAt { get; init; }
    [Id(7)] public DateTimeOffset? AcceptedAt { get; init; }
    [Id(8)] public DateTimeOffset? RevokedAt { get; init; }
    /// <summary>The tenant's name, so the person invited sees who invites them (null for the operator's invitations).</summary>
    [Id(9)] public string? TenantName { get; init; }

    public bool IsPending(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && ExpiresAt > now;
}
