using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using VoicePlatform.Common;

namespace VoicePlatform.ApiKeys;

/// <summary>
/// The bearer token a client holds: <c>vpk_&lt;16 id chars&gt;_&lt;52 secret chars&gt;</c>. The id half
/// finds the key grain without any scan; the secret half (260 random bits) is checked against a hash.
/// </summary>
public readonly record struct ApiKeyToken(ApiKeyId KeyId, string Secret)
{
    private const string Prefix = "vpk_";
    public const int SecretLength = 52;

    public static ApiKeyToken New() => new(ApiKeyId.New(), RandomIds.Create(SecretLength));

    /// <summary>A new token whose key id carries the platform's tag (see <see cref="ApiKeyIdTag"/>).</summary>
    public static ApiKeyToken NewTagged(ReadOnlySpan<byte> tagKey) => new(ApiKeyIdTag.NewTagged(tagKey), RandomIds.Create(SecretLength));

    /// <summary>The visible start of the token, shown in key lists so people can tell keys apart.</summary>
    public static string DisplayPrefix(ApiKeyId keyId) => Prefix + keyId.RandomPart;

    public override string ToString() => $"{Prefix}{KeyId.RandomPart}_{Secret}";

    public static bool TryParse([NotNullWhen(true)] string? value, out ApiKeyToken token)
    {
        token = default;
        var expectedLength = Prefix.Length + ApiKeyId.RandomLength + 1 + SecretLength;
        if (value is null || value.Length != expectedLength || !value.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var idPart = value.Substring(Prefix.Length, ApiKeyId.RandomLength);
        if (value[Prefix.Length + ApiKeyId.RandomLength] != '_') return false;
        var secret = value[(Prefix.Length + ApiKeyId.RandomLength + 1)..];
        if (!RandomIds.IsValid(idPart, ApiKeyId.RandomLength, ApiKeyId.RandomLength)) return false;
        if (!RandomIds.IsValid(secret, SecretLength, SecretLength)) return false;
        token = new ApiKeyToken(ApiKeyId.FromRandomPart(idPart), secret);
        return true;
    }

    /// <summary>
    /// SHA-256 of the secret. A slow password hash is unnecessary for 260-bit random secrets and would
    /// cost CPU on every request; only this hash is ever stored.
    /// </summary>
    public static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
