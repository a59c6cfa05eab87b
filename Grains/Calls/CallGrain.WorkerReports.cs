using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using VoicePlatform.Calls;
using VoicePlatform.Common;
using VoicePlatform.DoNotCall;

namespace VoicePlatform.Grains.Calls;

/// <summary>
/// What the call's agent worker reports, authenticated by the per-call credential it got with its dispatch: the
/// transcript as it is spoken, who answered, the conversation's outcome and the AI usage to bill. Every report is
/// idempotent per its id or sequence, as a worker retries.
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>How long after the end the agent worker may still report (final transcript, usage, outcome).</summary>
    public static readonly TimeSpan WorkerGracePeriod = TimeSpan.FromMinutes(15);
    private const int UsageReportLimit = 100;

    public Task<bool> AuthenticateWorkerAsync(string secret)
    {
        if (!Exists || state.State.WorkerSecretHash is not { } expected) return Task.FromResult(false);
        if (Progress.EndedAt is { } ended && Now() - ended > WorkerGracePeriod) return Task.FromResult(false);
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(expected));
        return Task.FromResult(matches);
    }

    public async Task<WriteResult<int>> AddTranscriptAsync(IReadOnlyList<TranscriptSegment> segments)
    {
        if (!Exists) return WriteResult<int>.NotFound();
        // Straight to the store, no grain state: segments are the bulk of a call, and the store is idempotent per id.
        await store.SaveTranscriptAsync(Key.Tenant, Key.Call, segments);
        PublishTranscript(segments);
        return WriteResult<int>.Ok(segments.Count);
    }

    public async Task<IReadOnlyList<TranscriptSegment>?> GetTranscriptAsync() =>
        Exists ? await store.GetTranscriptAsync(Key.Tenant, Key.Call) : null;

    public Task<WriteResult<CallView>> ReportAnsweredByAsync(AnsweredBy answeredBy) => ReportAnswerAsync(answeredBy, null);

    public async Task<WriteResult<CallView>> ReportAnswerAsync(AnsweredBy answeredBy, DateTimeOffset? answeredAt)
    {
        if (!Exists) return WriteResult<CallView>.NotFound();
        if (state.State.AnsweredBy == answeredBy) return WriteResult<CallView>.Ok(View());
        if (state.State.AnsweredBy is { } earlier)
            return WriteResult<CallView>.Conflict($"The call was already reported answered by a {earlier.Kebab()}.", []);

        var now = Now();
        var from = Progress;
        state.State = state.State with { AnsweredBy = answeredBy };
        // The worker hears whoever picked up, so its report is an answer too (before wait_until_answered returns, or
        // when that report was lost). On an ended call it reclassifies the end — and an end the platform read as
        // unanswered only because it never saw the answer becomes the conversation it was, while it is not settled yet.
        var next = from.IsEnded
            ? state.State.Billing.Settled ? from : CallLifecycle.AnsweredAfterEnd(from, answeredAt ?? from.AgentJoinedAt ?? from.EndedAt!.Value)
            : CallLifecycle.Answered(from, now);
        if (from.IsEnded && state.State.Billing.Settled && CallLifecycle.MayHaveBeenAnswered(from))
            logger.LogWarning("Call {CallId} of tenant {TenantId} was reported answered after it settled as {EndReason}; it stays unbilled",
                Key.Call, Key.Tenant, from.EndReason);
        next = CallLifecycle.ClassifyVoicemail(next, answeredBy);
        state.State = state.State with { Progress = next };
        var events = new List<CallEvent> { CallHistory.AnsweredBy(answeredBy, now) };
        if (!ReferenceEquals(next, from)) events.Insert(0, CallHistory.Transition(from, next));
        if (from.IsEnded && next.AnsweredAt is not null && from.AnsweredAt is null)
        {
            CallMetrics.Transition(from, next, answeredBy, state.State.Direction);
            logger.LogWarning("Call {CallId} of tenant {TenantId} ended as {EndReason} before its answer was seen; the agent worker heard it answered at {AnsweredAt}",
                Key.Call, Key.Tenant, from.EndReason, next.AnsweredAt);
        }
        await SaveAsync(durable: true, events);
        logger.LogInformation("Call {CallId} of tenant {TenantId} answered by {AnsweredBy}", Key.Call, Key.Tenant, answeredBy);
        if (!ReferenceEquals(next, from)) await AfterTransitionAsync(next);
        return WriteResult<CallView>.Ok(View());
    }

    public async Task<WriteResult<CallView>> ReportOutcomeAsync(CallOutcome outcome)
    {
        if (!Exists) return WriteResult<CallView>.NotFound();
        // The callee asked never to be called again: on the tenant's list before anything else, so that a report that
        // fails after this point is repeated by the worker and the number is listed whatever happens next.
        if (outcome.Disposition == CallDisposition.DoNotCall) await ListDoNotCallAsync();
        if (state.State.Outcome is { } current)
        {
            // Older than what we have: a late delivery, answered with the current outcome and changing nothing.
            if (outcome.Sequence < current.Sequence) return WriteResult<CallView>.Ok(View());
            if (outcome.Sequence == current.Sequence)
                return current.SameAs(outcome)
                    ? WriteResult<CallView>.Ok(View())
                    : WriteResult<CallView>.Conflict($"Outcome sequence {outcome.Sequence} was already reported with other content; send a higher sequence to replace it.", []);
        }
        state.State = state.State with { Outcome = outcome };
        await SaveAsync(durable: true, [CallHistory.Outcome(outcome, Now())]);
        return WriteResult<CallView>.Ok(View());
    }

    public async Task<WriteResult<CallView>> ReportUsageAsync(UsageReport usage)
    {
        if (!Exists) return WriteResult<CallView>.NotFound();
        if (state.State.UsageReports.FirstOrDefault(r => r.Id == usage.Id) is { } seen)
            return seen.SameAs(usage)
                ? WriteResult<CallView>.Ok(View())
                : WriteResult<CallView>.Conflict($"Usage report '{usage.Id}' was already received with other items.", []);
        if (state.State.UsageReports.Count >= UsageReportLimit)
            return WriteResult<CallView>.Conflict($"A call takes at most {UsageReportLimit} usage reports; send totals in fewer, larger reports.", []);

        state.State = state.State with { UsageReports = [.. state.State.UsageReports, usage] };
        await SaveAsync(durable: true, [CallHistory.Usage(usage, Now())]);
        return WriteResult<CallView>.Ok(View());
    }

    private Task<DoNotCallAddition> ListDoNotCallAsync() => GrainFactory.GetDoNotCallList(Key.Tenant).AddAsync(new DoNotCallEntry
    {
        Number = state.State.Request!.To,
        Source = DoNotCallSource.CallOutcome,
        Reason = "the callee asked not to be called again",
        AddedBy = "platform",
        AddedAt = Now(),
        CallId = Key.Call,
    });

    /// <summary>The stored form of the worker's secret: SHA-256, hex; the secret itself only travels in the dispatch.</summary>
    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
