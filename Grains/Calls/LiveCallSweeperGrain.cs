using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePlatform.Calls;
using VoicePlatform.Grains.CallRecords;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// Wakes live calls that have no activation. A per-call reminder would cost two durable writes per call (register,
/// unregister) and churn the reminder table at the dialling rate; the call-record projection already knows which
/// calls are live, so one reminder for the cluster reads it instead.
/// </summary>
[GrainType("live-call-sweeper")]
public sealed class LiveCallSweeperGrain(
    ICallRecordStore store,
    IOptions<CallWatchdogOptions> options,
    ILogger<LiveCallSweeperGrain> logger) : Grain, ILiveCallSweeperGrain, IRemindable
{
    private const string SweepReminder = "live-call-sweep";
    private const int PageSize = 500;
    private const int Parallelism = 32;

    public async Task StartAsync()
    {
        var period = options.Value.ReminderPeriod;
        if (await this.GetReminder(SweepReminder) is null) await this.RegisterOrUpdateReminder(SweepReminder, period, period);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => SweepAsync();

    public async Task<int> SweepAsync()
    {
        var woken = 0;
        // Read on the grain's turn: Parallel.ForEachAsync runs its body off the grain's scheduler, where the
        // activation's members may not be touched.
        var grains = GrainFactory;
        LiveCallKey? after = null;
        while (true)
        {
            var page = await store.ListLiveCallsAsync(after, PageSize);
            if (page.Count == 0) break;
            await Parallel.ForEachAsync(page, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (live, _) =>
            {
                try
                {
                    await grains.GetCallReports(live.Tenant, live.Call).WakeAsync();
                    Interlocked.Increment(ref woken);
                }
                catch (Exception e)
                {
                    // One unreachable call must not stop the sweep; the next one retries it.
                    logger.LogWarning(e, "Sweeper could not wake call {CallId} of tenant {TenantId}", live.Call, live.Tenant);
                }
            });
            if (page.Count < PageSize) break;
            after = page[^1];
        }
        if (woken > 0) logger.LogInformation("Sweeper woke {Count} live calls", woken);
        return woken;
    }
}
