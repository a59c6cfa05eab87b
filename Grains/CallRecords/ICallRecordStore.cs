using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.CallRecords;

/// <summary>
/// Where calls keep what is too big or too query-shaped for grain state: the call-record projection behind
/// <c>GET /api/calls</c>, each call's event history and its transcript. Every write is idempotent — a record
/// upsert never replaces a higher revision, an event key is stored once, a final transcript segment never
/// changes — so a grain may repeat any write after a crash or a failed attempt. PostgreSQL in production,
/// memory in the all-in-one development mode.
/// </summary>
public interface ICallRecordStore
{
    /// <summary>
    /// Upserts <paramref name="record"/> (unless a higher revision is stored) and adds the new events, atomically — with
    /// the call's webhook events (<paramref name="tenantEvents"/>) recorded in the outbox in the same transaction.
    /// </summary>
    Task SaveAsync(CallRecord record, IReadOnlyList<CallEvent> events, IReadOnlyList<VoicePlatform.Webhooks.TenantEvent>? tenantEvents = null, CancellationToken cancellationToken = default);

    /// <summary>Adds the events whose keys the call does not have yet.</summary>
    Task AppendEventsAsync(TenantId tenant, CallId call, IReadOnlyList<CallEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Inserts new segments and replaces interim ones; a stored final segment is kept as it is.</summary>
    Task SaveTranscriptAsync(TenantId tenant, CallId call, IReadOnlyList<TranscriptSegment> segments, CancellationToken cancellationToken = default);

    /// <summary>The tenant's calls matching <paramref name="query"/>, newest first (placed time, then id), one page.</summary>
    Task<Page<CallRecord>> ListAsync(TenantId tenant, CallListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls of every tenant not yet ended, or ended but not yet settled, in the projection, ordered by tenant then call, after
    /// <paramref name="after"/>: how the sweeper finds the live calls a crash left without an activation.
    /// </summary>
    Task<IReadOnlyList<LiveCallKey>> ListLiveCallsAsync(LiveCallKey? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tenant's usage grouped as asked, over calls placed in the window; days are calendar days in
    /// <paramref name="timeZone"/> (an IANA id). Groups ordered by key (nulls last).
    /// </summary>
    Task<IReadOnlyList<UsageGroup>> UsageAsync(TenantId tenant, UsageQuery query, string timeZone, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tenant's calls that ended in [<paramref name="from"/>, <paramref name="to"/>), per UTC minute of their end,
    /// oldest first; minutes with no ended call are left out.
    /// </summary>
    Task<IReadOnlyList<VoicePlatform.Live.FloorMinute>> FloorAsync(TenantId tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>The call's transcript ordered by start offset (then segment id).</summary>
    Task<IReadOnlyList<TranscriptSegment>> GetTranscriptAsync(TenantId tenant, CallId call, CancellationToken cancellationToken = default);

    /// <summary>The call's events in the order they were recorded.</summary>
    Task<IReadOnlyList<CallEvent>> GetEventsAsync(TenantId tenant, CallId call, CancellationToken cancellationToken = default);
}
