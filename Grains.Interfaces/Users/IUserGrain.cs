using VoicePlatform.Common;

namespace VoicePlatform.Users;

/// <summary>One person's account: password hash, role and sessions. Keyed by <see cref="UserId"/>.</summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the account once; repeating the same creation is harmless.</summary>
    Task<UserView> CreateAsync(NewUser user);

    Task<UserView?> GetAsync();

    Task<SignInResult> SignInAsync(string password, SessionContext context);

    Task<SessionCheck> AuthenticateSessionAsync(string sessionId, string secret);

    /// <summary>
    /// Whether the session is still one to honour (not signed out, expired or idle; the person and their tenant active),
    /// asked for a live floor it keeps open, which counts as using it.
    /// </summary>
    Task<bool> KeepsSessionAsync(string sessionId);

    Task SignOutAsync(string sessionId);

    /// <summary>Ends every session of the user, this one included.</summary>
    Task SignOutEverywhereAsync();

    /// <summary>InvalidReference naming currentPassword when it is wrong; every other session ends.</summary>
    Task<WriteResult<UserView>> ChangePasswordAsync(string sessionId, string currentPassword, string newPassword);

    Task<UserView?> SetRoleAsync(UserRole role);

    Task<UserView?> RemoveAsync();
}

[GenerateSerializer, Immutable, Alias("vp.NewUser")]
public sealed record NewUser
{
    [Id(0)] public required string Email { get; init; }
    [Id(1)] public required string DisplayName { get; init; }
    [Id(2)] public required string Password { get; init; }
    [Id(3)] public required UserRole Role { get; init; }
    [Id(4)] public Tenants.TenantId? TenantId { get; init; }
    [Id(5)] public string? InvitedBy { get; init; }
}
