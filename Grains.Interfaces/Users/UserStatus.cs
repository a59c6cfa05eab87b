namespace VoicePlatform.Users;

[GenerateSerializer, Alias("vp.UserStatus")]
public enum UserStatus
{
    Active = 0,
    /// <summary>Removed by an admin: cannot sign in, every session ended; the email may be invited again.</summary>
    Removed = 1,
}
