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

    public static ITelephonyDirectoryGrain GetTelephonyDirectory(this IGrainFactory grains, TenantId tenant) =>
        grains.GetGrain<ITelephonyDirectoryGrain>(tenant.Value);
}
