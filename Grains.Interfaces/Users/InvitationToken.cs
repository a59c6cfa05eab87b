using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using VoicePlatform.Common;

namespace VoicePlatform.Users;

/// <summary>
/// What an invitation link carries: <c>vpi.&lt;invitation id&gt;.&lt;secret&gt;</c>. The link puts it after the <c>#</c>, so it
/// never reaches a server log or a Referer header; the invitation's grain keeps only the secret's hash.
/// </summary>
public static class InvitationToken
{
    public const int SecretLength = 43;
    private const string Prefix = "vpi.";

    public static string Format(InvitationId invitation, string secret) => $"{Prefix}{invitation.Value}.{secret}";

    public static bool TryParse(string? token, out InvitationId invitation, [NotNullWhen(true)] out string? secret)
    {
        invitation = default;
        secret = null;
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var parts = token.Trim()[Prefix.Length..].Split('.');
        if (parts.Length != 2 || !PrefixedId.TryParse(parts[0], out invitation) || !RandomIds.IsValid(parts[1], SecretLength, SecretLength)) return false;
        secret = parts[1];
        return true;
    }

    public static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    /// <summary>The console page that accepts it: the token after the fragment mark.</summary>
    public static string Link(Uri consoleBase, string token) => new Uri(consoleBase, "/app/#accept=" + token).ToString();
}
