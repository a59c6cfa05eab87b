using VoicePlatform.Calls;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.CallRecords;

/// <summary>A call the projection still shows as live, as the sweeper finds it.</summary>
public readonly record struct LiveCallKey(TenantId Tenant, CallId Call);
