using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using VoicePlatform.LiveKitEmulator.Agents.Reports;
using VoicePlatform.LiveKitEmulator.Dispatch;
using VoicePlatform.LiveKitEmulator.Hosting;
using VoicePlatform.LiveKitEmulator.Rooms;

namespace VoicePlatform.LiveKitEmulator.Agents;

/// <summary>
/// Plays the agent process LiveKit Agents would run for each dispatch of a platform call: joins the room as an
/// <c>AGENT</c> participant, waits for the SIP callee to answer, then reports to the platform what a real agent
/// would — who answered, the transcript line by line at speaking pace on the emulator clock, usage, the outcome —
/// and hangs up. Dispatches that are not a platform call's (no call id or no worker credential) are left alone.
/// Each call runs in the background; shutdown cancels them and waits for them to stop.
/// </summary>
public sealed class ScriptedAgentWorker(
    RoomStore rooms,
    EmulatorClock clock,
    IHttpClientFactory httpClients,
    IOptions<LiveKitEmulatorOptions> options,
    ILogger<ScriptedAgentWorker> logger) : IAgentDispatchHandler, IHostedService, IDisposable
{
    public const string HttpClientName = "LiveKitEmulator.AgentWorker";

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private long _ignored;

    /// <summary>Dispatches left alone so far because they carried no platform call.</summary>
    public long IgnoredCount => Interlocked.Read(ref _ignored);

    /// <summary>Raised with the call id once the worker is done with a call and has left its room; for tests and diagnostics.</summary>
    public event Action<string>? CallFinished;

    public Task OnDispatchCreatedAsync(AgentDispatch dispatch, CancellationToken cancellationToken)
    {
        AgentDispatchMetadata? call = null;
        InboundJobMetadata? inbound = null;
        if (!AgentDispatchMetadata.TryParse(dispatch.Metadata, out call) && !InboundJobMetadata.TryParse(dispatch.Metadata, out inbound))
        {
            Interlocked.Increment(ref _ignored);
            logger.LogInformation("Agent worker ignores dispatch {DispatchId} to {RoomName}: its metadata names no call with a worker credential",
                dispatch.Id, dispatch.Room);
            return Task.CompletedTask;
        }

        if (_stopping.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        // Not awaited: CreateDispatch answers at once, as LiveKit does while a worker picks the job up.
        var stopping = _stopping.Token;
        var task = Task.Run(async () =>
        {
            var callId = await RunAsync(dispatch, call, stopping);
            if (callId is not null) CallFinished?.Invoke(callId);
        }, CancellationToken.None);
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    /// <summary>
    /// One job: an outbound call's dispatch carries the call (<paramref name="dispatched"/>); an inbound job claims its
    /// call from the platform first. Answers the call id once known, for <see cref="CallFinished"/>.
    /// </summary>
    private async Task<string?> RunAsync(AgentDispatch dispatch, AgentDispatchMetadata? dispatched, CancellationToken stopping)
    {
        var jobKey = dispatched?.CallId ?? dispatch.Id;
        using var scope = logger.BeginScope("Job {JobKey} in room {RoomName}", jobKey, dispatch.Room);
        var settings = options.Value.AgentWorker;
        var platformUrl = settings.ResolvePlatformUrl();
        if (platformUrl is null && (settings.Converse || dispatched is null))
        {
            logger.LogWarning("Agent worker skips job {JobKey}: the platform URL is not known (LiveKitEmulator:AgentWorker:PlatformUrl)", jobKey);
            return null;
        }

        var join = RandomFor(jobKey + "/join").NextDouble();
        if (join < settings.NeverJoinShare)
        {
            logger.LogInformation("Agent worker never picks up job {JobKey}: no agent joins {RoomName}", jobKey, dispatch.Room);
            return null;
        }
        if (join < settings.NeverJoinShare + settings.LateJoinShare)
        {
            logger.LogInformation("Agent worker joins job {JobKey} late, after {Delay}", jobKey, settings.LateJoinDelay);
            try
            {
                await clock.DelayAsync(settings.LateJoinDelay, stopping);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        using var watch = new CalleeWatch(rooms, dispatch.Room, options.Value.Sip);
        var agent = rooms.Join(dispatch.Room, $"agent-{dispatch.Id}", dispatch.AgentName, "", ParticipantKind.Agent, new Dictionary<string, string>());
        watch.Start(agent);
        var call = dispatched;
        var message = "";
        try
        {
            if (call is null)
            {
                // An inbound job: the caller's participant says which SIP call this is; the platform says what to do.
                var caller = await watch.Joined.WaitAsync(clock.Scale(settings.AnswerTimeout), clock.Time, stopping);
                if (caller is null) return null;
                var claims = new InboundClaimClient(httpClients.CreateClient(HttpClientName), platformUrl!, options.Value, clock, logger);
                var claim = await claims.ClaimAsync(dispatch.Room, agent.Identity, caller.Identity, rooms.AttributesOf(caller), stopping);
                if (claim is null || claim.Mode == "refuse" || claim.Call is null)
                {
                    logger.LogInformation("Agent worker leaves inbound room {RoomName}: the platform {Verdict} the call", dispatch.Room, claim is null ? "did not give it" : "refused");
                    rooms.Leave(agent, DisconnectReason.ClientInitiated);
                    return claim?.Call?.CallId;
                }

                call = claim.Call;
                message = claim.Mode == "message" ? claim.Message : "";
                // LiveKit's bridge answers the caller once it can subscribe to this audio.
                rooms.PublishAudio(agent);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            rooms.Leave(agent, DisconnectReason.ClientInitiated);
            return null;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Agent worker failed to claim the inbound call in {RoomName}", dispatch.Room);
            rooms.Leave(agent, DisconnectReason.ClientInitiated);
            return null;
        }

        await AttendAsync(dispatch, call, agent, watch, platformUrl, message, inbound: dispatched is null, stopping);
        return call.CallId;
    }

    /// <summary>The call's part once the worker knows it: wait for the answer, then converse (or say the platform's message).</summary>
    private async Task AttendAsync(AgentDispatch dispatch, AgentDispatchMetadata call, Participant agent, CalleeWatch watch, Uri? platformUrl, string message,
        bool inbound, CancellationToken stopping)
    {
        var settings = options.Value.AgentWorker;
        var platform = platformUrl is null ? null : new PlatformClient(httpClients.CreateClient(HttpClientName), platformUrl, call, settings, clock, logger);
        var answeredAt = new StrongBox<DateTimeOffset?>();
        // Coaching is taken from the moment the agent is in the room, as a real worker registers its methods on joining.
        agent.RegisterRpcMethod(CoachingRpc.Method, (invocation, _) => Task.FromResult(TakeCoaching(platform, call, invocation, answeredAt.Value, stopping)));
        try
        {
            logger.LogInformation("Agent worker joined {RoomName} for call {CallId} of tenant {TenantId}", dispatch.Room, call.CallId, call.TenantId);
            CalleeAnswer? answer;
            try
            {
                answer = await watch.Answered.WaitAsync(clock.Scale(settings.AnswerTimeout), clock.Time, stopping);
            }
            catch (TimeoutException)
            {
                answer = null;
            }

            if (answer is null)
            {
                logger.LogInformation("Agent worker leaves call {CallId}: the callee never answered", call.CallId);
                return;
            }

            var heardAt = clock.UtcNow;
            if (!settings.Converse)
            {
                // An inbound call's answer is seen by no webhook and no dial: a worker that claimed it says so, as a real one
                // does when its session starts (a silent outbound worker leaves that to the dial's own answer).
                if (inbound && platform is not null) await platform.PostAsync(PlatformClient.AnsweredByStep, new AnsweredByReport(AnsweredBy.Human, heardAt), stopping);
                // Present, silent: the callee's own hang-up (or the room's end) ends the call.
                using var present = CancellationTokenSource.CreateLinkedTokenSource(answer.Callee.Departed, agent.Departed, stopping);
                await Task.Delay(Timeout.Infinite, present.Token).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return;
            }
            answeredAt.Value = heardAt;
            if (message.Length > 0) await SayAndEndAsync(platform!, call, message, answer, agent, stopping);
            else await ConverseAsync(platform!, call, answer, heardAt, agent, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogInformation("Agent worker stops call {CallId}: shutting down", call.CallId);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Agent worker failed on call {CallId} of tenant {TenantId}", call.CallId, call.TenantId);
        }
        finally
        {
            rooms.Leave(agent, DisconnectReason.ClientInitiated);
        }
    }

    private async Task ConverseAsync(PlatformClient platform, AgentDispatchMetadata call, CalleeAnswer answer, DateTimeOffset heardAt, Participant agent, CancellationToken stopping)
    {
        var script = answer.Machine
            ? ConversationScript.ForVoicemail(call)
            : ConversationScript.ForHuman(call, RandomFor(call.CallId), clock.UtcNow);
        await platform.PostAsync(PlatformClient.AnsweredByStep, new AnsweredByReport(answer.Machine ? AnsweredBy.Machine : AnsweredBy.Human, heardAt), stopping);

        // Talking stops when the callee hangs up or the room goes (the agent is removed with it); reporting does not.
        using var conversation = CancellationTokenSource.CreateLinkedTokenSource(answer.Callee.Departed, agent.Departed, stopping);
        var spoken = 0;
        var elapsed = TimeSpan.Zero;
        try
        {
            foreach (var line in script.Lines)
            {
                await clock.DelayAsync(line.End - elapsed, conversation.Token);
                elapsed = line.End;
                await platform.PostAsync(PlatformClient.TranscriptStep, new TranscriptReport([script.Segment(spoken)]), stopping);
                spoken++;
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
        }

        stopping.ThrowIfCancellationRequested();
        if (agent.DisconnectReason == DisconnectReason.ParticipantRemoved && answer.Callee.State != ParticipantState.Disconnected)
        {
            // Removed while the callee is still there: a supervisor took the call over. What the agent used is
            // reported; the call's outcome and end are the supervisor's now.
            logger.LogInformation("Agent worker was removed from call {CallId} after {Spoken} lines: the call was taken over", call.CallId, spoken);
            if (script.Usage(spoken) is { } used) await platform.PostAsync(PlatformClient.UsageStep, used, stopping);
            return;
        }

        var hungUp = spoken < script.Lines.Count;
        if (hungUp)
        {
            logger.LogInformation("Agent worker stops talking on call {CallId}: the callee hung up after {Spoken} of {Lines} lines",
                call.CallId, spoken, script.Lines.Count);
        }

        if (script.Usage(spoken) is { } usage)
        {
            await platform.PostAsync(PlatformClient.UsageStep, usage, stopping);
        }

        if (script.Outcome(spoken, hungUp) is { } outcome)
        {
            await platform.PostAsync(PlatformClient.OutcomeStep, outcome, stopping);
        }

        if (!hungUp)
        {
            await platform.PostAsync(PlatformClient.EndStep, new EndReport(), stopping);
        }

        logger.LogInformation("Agent worker finished call {CallId} of tenant {TenantId}: {Spoken} lines, answered by {AnsweredBy}",
            call.CallId, call.TenantId, spoken, answer.Machine ? AnsweredBy.Machine : AnsweredBy.Human);
    }

    /// <summary>The platform's short message instead of a conversation (closed, no funds): spoken once, then the end asked for.</summary>
    private async Task SayAndEndAsync(PlatformClient platform, AgentDispatchMetadata call, string message, CalleeAnswer answer, Participant agent, CancellationToken stopping)
    {
        var speaking = TimeSpan.FromMilliseconds(Math.Max(700, 60 * message.Length));
        using var conversation = CancellationTokenSource.CreateLinkedTokenSource(answer.Callee.Departed, agent.Departed, stopping);
        try
        {
            await clock.DelayAsync(speaking, conversation.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
        }

        var spokenMs = (long)speaking.TotalMilliseconds;
        await platform.PostAsync(PlatformClient.TranscriptStep, new TranscriptReport([new TranscriptSegmentReport("message-1", Speaker.Agent, message, 0, spokenMs, Final: true)]), stopping);
        if (answer.Callee.State != ParticipantState.Disconnected) await platform.PostAsync(PlatformClient.EndStep, new EndReport(), stopping);
        logger.LogInformation("Agent worker said the platform's message on call {CallId} and asked for the end", call.CallId);
    }

    /// <summary>
    /// A supervisor's whisper: acknowledged at once (the answer is the acknowledgement), then noted in the transcript
    /// as a coaching line in the background — the platform waits for this answer, so the note must not hold it up.
    /// </summary>
    private string TakeCoaching(PlatformClient? platform, AgentDispatchMetadata call, Rooms.RpcInvocation invocation, DateTimeOffset? answeredAt, CancellationToken stopping)
    {
        var whisper = CoachingRpc.Parse(invocation.Payload) ?? throw new RpcHandlerException("The coaching payload is not {id, text, supervisor}.");
        logger.LogInformation("Agent worker on call {CallId} takes coaching {WhisperId} from {Supervisor}", call.CallId, whisper.Id, whisper.Supervisor);
        if (platform is not null)
        {
            // Transcript offsets count from the answer, in emulated time; coaching before it is at the start.
            var offset = answeredAt is { } answered ? (long)clock.Unscale(clock.UtcNow - answered).TotalMilliseconds : 0;
            var segment = new TranscriptSegmentReport($"coach-{whisper.Id}", Speaker.Coach, whisper.Text, offset, offset, Final: true);
            _ = Task.Run(() => platform.PostAsync(PlatformClient.TranscriptStep, new TranscriptReport([segment]), stopping), CancellationToken.None);
        }
        return """{"received":true}""";
    }

    /// <summary>With a seed, the same call id always gets the same script, whatever order calls arrive in.</summary>
    private Random RandomFor(string callId)
    {
        if (options.Value.AgentWorker.Seed is not { } seed)
        {
            return new Random();
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{callId}"));
        return new Random(BitConverter.ToInt32(hash, 0));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Agent worker stopped with {Count} calls still winding down", _running.Count);
        }
    }

    public void Dispose() => _stopping.Dispose();
}
