using Orleans.Concurrency;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Grains.CallRecords;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Calls;

/// <summary>Answers a tenant's call list from the projection; the tenant comes from the key, never from the query.</summary>
[StatelessWorker, GrainType("call-log")]
public sealed class CallLogGrain(ICallRecordStore store) : Grain, ICallLogGrain
{
    private TenantId Tenant => TenantId.Parse(this.GetPrimaryKeyString());

    public Task<Page<CallRecord>> ListAsync(CallListQuery query) => store.ListAsync(Tenant, query);

    public async Task<VoicePlatform.Live.FloorFigures> FloorAsync(DateTimeOffset now)
    {
        var from = now - VoicePlatform.Live.FloorFigures.Window;
        return VoicePlatform.Live.FloorFigures.Compute(from, now, await store.FloorAsync(Tenant, from, now));
    }

    public async Task<IReadOnlyList<UsageGroup>> UsageAsync(UsageQuery query)
    {
        // Days are the tenant's days: a call at 23:30 in New York belongs to that evening, not to tomorrow in UTC.
        var timeZone = (await GrainFactory.GetTenant(Tenant).GetAsync())?.Settings.DefaultTimeZone ?? "UTC";
        return await store.UsageAsync(Tenant, query, timeZone);
    }
}
