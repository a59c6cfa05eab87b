using System.Diagnostics.CodeAnalysis;
using VoicePlatform.Common;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Calls;

/// <summary>
/// The rooms a number's dispatch rule makes: the rule's prefix is <c>vpin_{tenant id}_{number id}</c>, and LiveKit names
/// each call's room <c>{prefix}_{caller}_{random}</c>. The only place that formats and parses it, so a webhook or a
/// worker's claim finds the tenant and number from the room alone. Ids are base32, so '_' only separates.
/// </summary>
public static class InboundRoomName
{
    private const string Prefix = "vpin_";

    public static string RulePrefix(TenantId tenant, PhoneNumberId number) => $"{Prefix}{tenant.Value}_{number.Value}";

    public static bool TryParse([NotNullWhen(true)] string? roomName, out TenantId tenant, out PhoneNumberId number)
    {
        tenant = default;
        number = default;
        if (roomName is null || !roomName.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = roomName[Prefix.Length..];
        var split = rest.IndexOf("_" + PhoneNumberId.Prefix, StringComparison.Ordinal);
        if (split <= 0 || !TenantId.TryParse(rest[..split], out tenant)) return false;
        var numberPart = rest[(split + 1)..];
        // num_xxxx then _{caller}_{random}: the id ends at the first '_' after its own prefix.
        var end = numberPart.IndexOf('_', PhoneNumberId.Prefix.Length);
        return PrefixedId.TryParse(end < 0 ? numberPart : numberPart[..end], out number);
    }
}
