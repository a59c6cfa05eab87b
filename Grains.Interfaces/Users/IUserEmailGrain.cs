namespace VoicePlatform.Users;

/// <summary>
/// One email address (keyed by <see cref="UserRules.NormalizeEmail"/>): which user holds it, so an address belongs to
/// one account across the platform, and signing in by email is one call.
/// </summary>
public interface IUserEmailGrain : IGrainWithStringKey
{
    Task<UserId?> GetAsync();

    /// <summary>True when the address is now (or already was) this user's; false when another user holds it.</summary>
    Task<bool> ReserveAsync(UserId user);

    Task ReleaseAsync(UserId user);

    /// <summary>Checks the password against the address's user; an unknown address costs the same time as a wrong password.</summary>
    Task<SignInResult> SignInAsync(string password, SessionContext context);
}
