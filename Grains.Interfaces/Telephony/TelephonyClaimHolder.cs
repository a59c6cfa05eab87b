using VoicePlatform.Tenants;

namespace VoicePlatform.Telephony;

/// <summary>Who holds a claim: a tenant's phone-number record (for a number) or SIP-trunk record (for a LiveKit trunk).</summary>
[GenerateSerializer, Immutable, Alias("vp.TelephonyClaimHolder")]
public sealed record TelephonyClaimHolder
{
    [Id(0)] public required TenantId Tenant { get; init; }
    /// <summary>The record's id: a <c>num_…</c> for numbers, a <c>trk_…</c> for trunks.</summary>
    [Id(1)] public required string RecordId { get; init; }
}
