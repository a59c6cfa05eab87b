using System.Diagnostics.CodeAnalysis;
using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Calls;

/// <summary>
/// The LiveKit room of a call, <c>vp_{tenant id}_{call id}</c>: the only place that formats and parses it, so a
/// webhook finds its call (and its tenant) from the room name alone. Ids are base32, so '_' never occurs inside them.
/// </summary>
public static class CallRoomName
{
    private const string Prefix = "vp_";

    public static string Format(TenantId tenant, CallId call) => $"{Prefix}{tenant.Value}_{call.Value}";

    public static bool TryParse([NotNullWhen(true)] string? roomName, out TenantId tenant, out CallId call)
    {
        tenant = default;
        call = default;
        if (roomName is null || !roomName.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = roomName[Prefix.Length..];
        var split = rest.IndexOf("_" + CallId.Prefix, StringComparison.Ordinal);
        return split > 0 && TenantId.TryParse(rest[..split], out tenant) && PrefixedId.TryParse(rest[(split + 1)..], out call);
    }
}
