using VoicePlatform.Tenants;

namespace VoicePlatform.Users;

/// <summary>A user as the API shows it: never a password hash or a session secret.</summary>
[GenerateSerializer, Immutable, Alias("vp.UserView")]
public sealed record UserView
{
    [Id(0)] public required UserId Id { get; init; }
    [Id(1)] public required string Email { get; init; }
    [Id(2)] public required string DisplayName { get; init; }
    [Id(3)] public required UserRole Role { get; init; }
    /// <summary>Null for the operator's users.</summary>
    [Id(4)] public TenantId? TenantId { get; init; }
    [Id(5)] public required UserStatus Status { get; init; }
    [Id(6)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(7)] public DateTimeOffset? LastSignInAt { get; init; }
    [Id(8)] public int ActiveSessions { get; init; }
    /// <summary>Who invited this user (a user's email, a key id or "operator").</summary>
    [Id(9)] public string? InvitedBy { get; init; }
}
