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
    public Task<Page<CallRecord>> ListAsync(CallListQuery query) =>
        store.ListAsync(TenantId.Parse(this.GetPrimaryKeyString()), query);
}
