using System.Collections.Concurrent;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.CallRecords;

/// <summary>
/// The development-mode store: one process, so plain locked collections. It follows the same rules as the
/// PostgreSQL store (revisions, unique event keys, final segments), which the shared contract tests check.
/// </summary>
public sealed class InMemoryCallRecordStore(VoicePlatform.Grains.Webhooks.IWebhookStore? webhooks = null) : ICallRecordStore
{
    private readonly ConcurrentDictionary<(TenantId, CallId), CallData> _calls = new();

    public Task SaveAsync(CallRecord record, IReadOnlyList<CallEvent> events, IReadOnlyList<VoicePlatform.Webhooks.TenantEvent>? tenantEvents = null, CancellationToken cancellationToken = default)
    {
        var data = _calls.GetOrAdd((record.TenantId, record.CallId), _ => new CallData());
        lock (data)
        {
            if (data.Record is null || record.Revision >= data.Record.Revision) data.Record = AtStoredPrecision(record);
            Append(data, events);
        }
        return tenantEvents is { Count: > 0 } && webhooks is not null ? webhooks.AppendAsync(tenantEvents, cancellationToken) : Task.CompletedTask;
    }

    public Task AppendEventsAsync(TenantId tenant, CallId call, IReadOnlyList<CallEvent> events, CancellationToken cancellationToken = default)
    {
        var data = _calls.GetOrAdd((tenant, call), _ => new CallData());
        lock (data) Append(data, events);
        return Task.CompletedTask;
    }

    public Task SaveTranscriptAsync(TenantId tenant, CallId call, IReadOnlyList<TranscriptSegment> segments, CancellationToken cancellationToken = default)
    {
        var data = _calls.GetOrAdd((tenant, call), _ => new CallData());
        lock (data)
        {
            foreach (var segment in segments)
            {
                if (data.Transcript.TryGetValue(segment.Id, out var stored) && stored.Final) continue;
                data.Transcript[segment.Id] = segment;
            }
        }
        return Task.CompletedTask;
    }

    public Task<Page<CallRecord>> ListAsync(TenantId tenant, CallListQuery query, CancellationToken cancellationToken = default)
    {
        var limit = Math.Clamp(query.Limit, 1, Paging.MaxPageSize);
        var hasCursor = CallListCursor.TryParse(query.After, out var afterMicros, out var afterCall);
        // Compared in microseconds, as PostgreSQL compares them: a bound inside a microsecond means that microsecond.
        long? fromMicros = query.From is { } from ? StoredTime.ToUnixMicroseconds(from) : null;
        long? toMicros = query.To is { } to ? StoredTime.ToUnixMicroseconds(to) : null;
        var records = _calls
            .Where(entry => entry.Key.Item1 == tenant)
            .Select(entry => { lock (entry.Value) return entry.Value.Record; })
            .OfType<CallRecord>()
            .Where(r => query.Status is null || r.Status == query.Status)
            .Where(r => query.AgentId is null || r.AgentId == query.AgentId)
            .Where(r => query.Direction is null || r.Direction == query.Direction)
            .Where(r => query.CampaignId is null || r.CampaignId == query.CampaignId)
            .Select(r => (Record: r, Micros: StoredTime.ToUnixMicroseconds(r.QueuedAt)))
            .Where(r => fromMicros is null || r.Micros >= fromMicros)
            .Where(r => toMicros is null || r.Micros < toMicros)
            .Where(r => !hasCursor || r.Micros < afterMicros || (r.Micros == afterMicros && string.CompareOrdinal(r.Record.CallId.Value, afterCall.Value) < 0))
            .OrderByDescending(r => r.Micros)
            .ThenByDescending(r => r.Record.CallId.Value, StringComparer.Ordinal)
            .Take(limit + 1)
            .Select(r => r.Record)
            .ToList();
        var more = records.Count > limit;
        if (more) records.RemoveAt(limit);
        var next = more ? CallListCursor.Format(records[^1].QueuedAt, records[^1].CallId) : null;
        return Task.FromResult(new Page<CallRecord> { Items = records, Next = next });
    }

    public Task<IReadOnlyList<LiveCallKey>> ListLiveCallsAsync(LiveCallKey? after, int limit, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<LiveCallKey> live = _calls
            .Select(entry => { lock (entry.Value) return entry.Value.Record; })
            .OfType<CallRecord>()
            .Where(r => r.Status != CallStatus.Ended || !r.Settled)
            .Select(r => new LiveCallKey(r.TenantId, r.CallId))
            .Where(k => after is not { } a || Compare(k, a) > 0)
            .OrderBy(k => k.Tenant.Value, StringComparer.Ordinal).ThenBy(k => k.Call.Value, StringComparer.Ordinal)
            .Take(Math.Max(1, limit))
            .ToList();
        return Task.FromResult(live);
    }

    private static int Compare(LiveCallKey x, LiveCallKey y)
    {
        var byTenant = string.CompareOrdinal(x.Tenant.Value, y.Tenant.Value);
        return byTenant != 0 ? byTenant : string.CompareOrdinal(x.Call.Value, y.Call.Value);
    }

    public Task<IReadOnlyList<UsageGroup>> UsageAsync(TenantId tenant, UsageQuery query, string timeZone, CancellationToken cancellationToken = default)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        IReadOnlyList<UsageGroup> groups = _calls
            .Where(entry => entry.Key.Item1 == tenant)
            .Select(entry => { lock (entry.Value) return entry.Value.Record; })
            .OfType<CallRecord>()
            .Where(r => query.From is null || r.QueuedAt >= query.From)
            .Where(r => query.To is null || r.QueuedAt < query.To)
            .GroupBy(r => query.GroupBy switch
            {
                UsageGroupBy.Day => TimeZoneInfo.ConvertTime(r.QueuedAt, zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                UsageGroupBy.Agent => r.AgentId.Value,
                UsageGroupBy.Campaign => r.CampaignId?.Value,
                _ => r.BrandId?.Value,
            })
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new UsageGroup
            {
                Key = g.Key,
                Calls = g.Count(),
                ConnectedCalls = g.Count(r => r.AnsweredAt is not null),
                BilledSeconds = g.Sum(r => r.BilledSeconds),
                Minutes = Math.Round(g.Sum(r => r.BilledSeconds) / 60m, 2),
                Cost = g.Sum(r => r.CostTotal ?? 0),
                Currency = g.Select(r => r.Currency).FirstOrDefault(c => c is not null),
            })
            .ToList();
        return Task.FromResult(groups);
    }

    public Task<IReadOnlyList<VoicePlatform.Live.FloorMinute>> FloorAsync(TenantId tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<VoicePlatform.Live.FloorMinute> minutes = _calls
            .Where(entry => entry.Key.Item1 == tenant)
            .Select(entry => { lock (entry.Value) return entry.Value.Record; })
            .OfType<CallRecord>()
            .Where(r => r.EndedAt is { } ended && ended >= from && ended < to)
            .GroupBy(r => new DateTimeOffset(r.EndedAt!.Value.UtcTicks - r.EndedAt.Value.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero))
            .OrderBy(g => g.Key)
            .Select(g => new VoicePlatform.Live.FloorMinute
            {
                Minute = g.Key,
                Ended = g.Count(),
                Answered = g.Count(r => r.AnsweredAt is not null),
                Abandoned = g.Count(r => r.Abandoned),
                HandledMilliseconds = g.Where(r => r.AnsweredAt is not null).Sum(r => Math.Max(0, (long)(r.EndedAt!.Value - r.AnsweredAt!.Value).TotalMilliseconds)),
            })
            .ToList();
        return Task.FromResult(minutes);
    }

    public Task<IReadOnlyList<TranscriptSegment>> GetTranscriptAsync(TenantId tenant, CallId call, CancellationToken cancellationToken = default)
    {
        if (!_calls.TryGetValue((tenant, call), out var data)) return Task.FromResult<IReadOnlyList<TranscriptSegment>>([]);
        lock (data)
        {
            IReadOnlyList<TranscriptSegment> ordered = data.Transcript.Values
                .OrderBy(s => s.StartMs).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
            return Task.FromResult(ordered);
        }
    }

    public Task<IReadOnlyList<CallEvent>> GetEventsAsync(TenantId tenant, CallId call, CancellationToken cancellationToken = default)
    {
        if (!_calls.TryGetValue((tenant, call), out var data)) return Task.FromResult<IReadOnlyList<CallEvent>>([]);
        lock (data) return Task.FromResult<IReadOnlyList<CallEvent>>(data.Events.ToList());
    }

    private static void Append(CallData data, IReadOnlyList<CallEvent> events)
    {
        foreach (var e in events)
        {
            if (data.EventKeys.Add(e.Key)) data.Events.Add(e with { At = StoredTime.TruncateToMicroseconds(e.At) });
        }
    }

    // PostgreSQL keeps microseconds; dropping the rest here makes both stores return the same values.
    private static CallRecord AtStoredPrecision(CallRecord record) => record with
    {
        QueuedAt = StoredTime.TruncateToMicroseconds(record.QueuedAt),
        AnsweredAt = record.AnsweredAt is { } answered ? StoredTime.TruncateToMicroseconds(answered) : null,
        EndedAt = record.EndedAt is { } ended ? StoredTime.TruncateToMicroseconds(ended) : null,
    };

    private sealed class CallData
    {
        public CallRecord? Record { get; set; }
        public List<CallEvent> Events { get; } = [];
        public HashSet<string> EventKeys { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, TranscriptSegment> Transcript { get; } = new(StringComparer.Ordinal);
    }
}
