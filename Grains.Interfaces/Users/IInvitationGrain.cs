using VoicePlatform.Tenants;

namespace VoicePlatform.Users;

/// <summary>One invitation, accepted at most once, by whoever holds its link's secret before it expires.</summary>
public interface IInvitationGrain : IGrainWithStringKey
{
    Task CreateAsync(InvitationGrant grant);

    /// <summary>What the link offers (email, role, tenant), or null when the secret is wrong or the invitation is no longer open.</summary>
    Task<InvitationView?> PreviewAsync(string secret);

    /// <summary>Creates the user and their first session; the same acceptance retried answers a new session of the same user.</summary>
    Task<AcceptInvitationResult> AcceptAsync(string secret, AcceptInvitation acceptance, SessionContext context);

    Task<InvitationView?> GetAsync();

    Task<bool> RevokeAsync();
}

/// <summary>What an invitation is created with; only the secret's hash.</summary>
[GenerateSerializer, Immutable, Alias("vp.InvitationGrant")]
public sealed record InvitationGrant
{
    [Id(0)] public TenantId? TenantId { get; init; }
    [Id(1)] public required string Email { get; init; }
    [Id(2)] public required UserRole Role { get; init; }
    [Id(3)] public required string InvitedBy { get; init; }
    [Id(4)] public required string SecretHash { get; init; }
    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(6)] public required DateTimeOffset ExpiresAt { get; init; }
    [Id(7)] public string? TenantName { get; init; }
}
