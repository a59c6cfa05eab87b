using System.Diagnostics.CodeAnalysis;
using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Calls;

/// <summary>
/// The bearer credential an agent worker gets for one call, in the dispatch metadata:
/// <c>vpc.{tenant id}.{call id}.{secret}</c>. Ids are base32 with '_' prefixes, so '.' only ever separates.
/// The call grain keeps only the secret's hash and decides whether it is still good.
/// </summary>
public static class CallWorkerCredential
{
    private const string Prefix = "vpc.";
    public const int SecretLength = 40;

    public static string Format(TenantId tenant, CallId call, string secret) => $"{Prefix}{tenant.Value}.{call.Value}.{secret}";

    public static bool LooksLikeOne(string token) => token.StartsWith(Prefix, StringComparison.Ordinal);

    public static bool TryParse(string? token, out TenantId tenant, out CallId call, [NotNullWhen(true)] out string? secret)
    {
        tenant = default;
        call = default;
        secret = null;
        if (token is null || !LooksLikeOne(token)) return false;
        var parts = token[Prefix.Length..].Split('.');
        if (parts.Length != 3 || !RandomIds.IsValid(parts[2], SecretLength, SecretLength)) return false;
        if (!TenantId.TryParse(parts[0], out tenant) || !PrefixedId.TryParse(parts[1], out call)) return false;
        secret = parts[2];
        return true;
    }
}
