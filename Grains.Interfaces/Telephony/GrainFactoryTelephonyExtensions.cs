using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Telephony;

/// <summary>Typed ways to reach a tenant's telephony grains: the tenant is always part of the key.</summary>
public static class GrainFactoryTelephonyExtensions
{
    public static ISipTrunkGrain GetSipTrunk(this IGrainFactory grains, TenantId tenant, SipTrunkId trunk) =>
        grains.GetGrain<ISipTrunkGrain>(TenantScopedKey.Format(tenant, trunk));

    public static IPhoneNumberGrain GetPhoneNumber(this IGrainFactory grains, TenantId tenant, PhoneNumberId number) =>
        grains.GetGrain<IPhoneNumberGrain>(TenantScopedKey.Format(tenant, number));

    public static ITelephonyClaimGrain GetTelephonyClaim(this IGrainFactory grains, TelephonyClaimKey key) =>
        grains.GetGrain<ITelephonyClaimGrain>(key.Format());

    public static ITelephonyClaimConflictsGrain GetTelephonyClaimConflicts(this IGrainFactory grains) =>
        grains.GetGrain<ITelephonyClaimConflictsGrain>(ITelephonyClaimConflictsGrain.Key);

    /// <summary>The record holding (or asking for) a claim, as the claim reaches it.</summary>
    public static ITelephonyClaimHolderGrain GetTelephonyClaimHolder(this IGrainFactory grains, TelephonyClaimKind kind, TelephonyClaimHolder holder) =>
        kind == TelephonyClaimKind.Number
            ? grains.GetPhoneNumber(holder.Tenant, PrefixedId.Parse<PhoneNumberId>(holder.RecordId))
            : grains.GetSipTrunk(holder.Tenant, PrefixedId.Parse<SipTrunkId>(holder.RecordId));

    public static ITelephonyDirectoryGrain GetTelephonyDirectory(this IGrainFactory grains, TenantId tenant) =>
        grains.GetGrain<ITelephonyDirectoryGrain>(tenant.Value);
}
