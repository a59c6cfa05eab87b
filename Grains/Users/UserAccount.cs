using VoicePlatform.Tenants;
using VoicePlatform.Users;

namespace VoicePlatform.Grains.Users;

[GenerateSerializer, Immutable, Alias("vp.UserAccount")]
public sealed record UserAccount
{
    [Id(0)] public required string Email { get; init; }
    [Id(1)] public required string DisplayName { get; init; }
    [Id(2)] public required UserRole Role { get; init; }
    [Id(3)] public TenantId? TenantId { get; init; }
    [Id(4)] public required string PasswordHash { get; init; }
    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public string? InvitedBy { get; init; }
}
