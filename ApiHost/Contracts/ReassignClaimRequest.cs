using VoicePlatform.Common;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>The operator's decision on a contested number or LiveKit trunk: the tenant and record that keep it.</summary>
public sealed record ReassignClaimRequest(string? TenantId, string? RecordId)
{
    public Dictionary<string, string[]> Validate(TelephonyClaimKind kind, out TelephonyClaimHolder holder)
    {
        var errors = new Dictionary<string, string[]>();
        holder = null!;
        if (!VoicePlatform.Tenants.TenantId.TryParse(TenantId, out var tenant)) errors["tenantId"] = ["Required: a tenant id (tnt_…)."];
        var recordValid = kind == TelephonyClaimKind.Number
            ? PrefixedId.TryParse<PhoneNumberId>(RecordId, out _)
            : PrefixedId.TryParse<SipTrunkId>(RecordId, out _);
        if (!recordValid) errors["recordId"] = [kind == TelephonyClaimKind.Number ? "Required: a phone number id (num_…)." : "Required: a SIP trunk id (trk_…)."];
        if (errors.Count == 0) holder = new TelephonyClaimHolder { Tenant = tenant, RecordId = RecordId! };
        return errors;
    }
}
