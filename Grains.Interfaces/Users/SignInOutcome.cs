namespace VoicePlatform.Users;

[GenerateSerializer, Alias("vp.SignInOutcome")]
public enum SignInOutcome
{
    SignedIn = 0,
    /// <summary>Unknown email and wrong password read the same, so accounts cannot be probed.</summary>
    InvalidCredentials = 1,
    /// <summary>The password was right, but the user's tenant is suspended.</summary>
    TenantSuspended = 2,
}
