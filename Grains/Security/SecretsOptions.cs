using VoicePlatform.Grains.Common;

namespace VoicePlatform.Grains.Security;

/// <summary>
/// The key secrets the platform must be able to read back (SIP passwords it gives LiveKit) are encrypted with at rest:
/// <c>Secrets:EncryptionKey</c>, 32 random bytes in base64 (<c>openssl rand -base64 32</c>), the same on every silo.
/// Without one, trunks that need a password cannot be provisioned (the API says so); nothing else needs it.
/// </summary>
public sealed class SecretsOptions : IValidatedOptions
{
    public static string SectionName => "Secrets";

    public string? EncryptionKey { get; set; }

    public IReadOnlyList<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(EncryptionKey)) return [];
        try
        {
            return Convert.FromBase64String(EncryptionKey.Trim()).Length == 32 ? [] : [$"{SectionName}:EncryptionKey must be 32 bytes in base64 (openssl rand -base64 32)."];
        }
        catch (FormatException)
        {
            return [$"{SectionName}:EncryptionKey must be base64 (openssl rand -base64 32)."];
        }
    }
}
