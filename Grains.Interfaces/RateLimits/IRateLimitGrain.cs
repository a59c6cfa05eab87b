using VoicePlatform.Tenants;

namespace VoicePlatform.RateLimits;

/// <summary>
/// One tenant's token bucket for one class of API requests (reads, writes, lead imports), shared by every API host:
/// hosts take tokens from it in small batches, so the tenant's limit holds however many hosts serve it.
/// </summary>
public interface IRateLimitGrain : IGrainWithStringKey
{
    Task<RateLimitGrant> AcquireAsync(RateLimitRequest request);
}

public static class GrainFactoryRateLimitExtensions
{
    public static IRateLimitGrain GetRateLimit(this IGrainFactory grains, TenantId tenant, string requestClass) =>
        grains.GetGrain<IRateLimitGrain>($"{tenant.Value}/{requestClass}");
}
