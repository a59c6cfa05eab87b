using Orleans.Runtime;
using VoicePlatform.Calls;
using VoicePlatform.Tenants;

namespace VoicePlatform.Live;

/// <summary>
/// The live streams, built in one place: one per tenant (all of its live activity) and one per call (that call
/// alone). A call's events go to both, with the same sequence numbers.
/// </summary>
public static class LiveStreamIds
{
    /// <summary>The stream provider the live streams are on (in memory: see README's live-events section for what it can lose).</summary>
    public const string Provider = "live";

    public const string TenantNamespace = "live-tenant";
    public const string CallNamespace = "live-call";

    public static StreamId Tenant(TenantId tenant) => StreamId.Create(TenantNamespace, tenant.Value);

    public static StreamId Call(TenantId tenant, CallId call) => StreamId.Create(CallNamespace, $"{tenant.Value}/{call.Value}");
}
