using VoicePlatform.Tenants;

namespace VoicePlatform.Audit;

public static class GrainFactoryAuditExtensions
{
    public static IAuditLogGrain GetAuditLog(this IGrainFactory grains, TenantId tenant) => grains.GetGrain<IAuditLogGrain>(tenant.Value);
}
