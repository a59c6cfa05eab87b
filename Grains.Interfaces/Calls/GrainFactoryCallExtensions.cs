using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Calls;

/// <summary>Typed way to reach a tenant's call: the tenant is always part of the key.</summary>
public static class GrainFactoryCallExtensions
{
    public static ICallGrain GetCall(this IGrainFactory grains, TenantId tenant, CallId call) =>
        grains.GetGrain<ICallGrain>(TenantScopedKey.Format(tenant, call));

    public static ICallLogGrain GetCallLog(this IGrainFactory grains, TenantId tenant) =>
        grains.GetGrain<ICallLogGrain>(tenant.Value);
}
