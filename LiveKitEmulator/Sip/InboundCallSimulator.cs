using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VoicePlatform.LiveKitEmulator.Dispatch;
using VoicePlatform.LiveKitEmulator.Hosting;
using VoicePlatform.LiveKitEmulator.Rooms;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>
/// Plays an inbound call the way LiveKit's SIP bridge and server do (INBOUND-AND-DATA.md §4): the INVITE is matched
/// to an inbound trunk (several matching → 503; none → the call goes on without one) and a dispatch rule (none → the
/// INVITE is dropped with no response); the caller's participant joins the rule's room with <c>sip.callStatus =
/// ringing</c> and LiveKit's <c>sip.*</c> attributes, creating the room with the rule's configuration and dispatching
/// its agents; the bridge answers (<c>active</c>, no webhook) once another participant publishes audio, or gives up
/// with 486 at the ringing timeout; the caller hangs up (<c>hangup</c>, then leaves CLIENT_INITIATED) after the asked
/// time or at the trunk's maximum duration, unless removed first.
/// </summary>
public sealed class InboundCallSimulator(
    RoomStore rooms,
    SipTrunkStore trunks,
    SipDispatchRuleStore rules,
    DispatchStore dispatches,
    EmulatorClock clock,
    IOptions<LiveKitEmulatorOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<InboundCallSimulator> logger)
{
    /// <summary>The bridge waits this long for the first RTP packet after its 200 OK before the call reads as active.</summary>
    private static readonly TimeSpan FirstMediaDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MaxCallDurationCap = TimeSpan.FromHours(24);
    private const int Retained = 100_000;

    private readonly ConcurrentDictionary<string, InboundCall> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Raised when a call changes (answered, ended); for tests and the traffic generator's figures.</summary>
    public event Action<InboundCall>? CallChanged;

    public InboundCall? Find(string sipCallId) => _calls.GetValueOrDefault(sipCallId);

    /// <summary>The most recent calls first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<InboundCall> Recent(int limit) => _order.Reverse().Take(limit).Select(id => _calls.GetValueOrDefault(id)).OfType<InboundCall>().ToArray();

    public async Task<InboundCall> RingAsync(InboundCallRequest request, CancellationToken cancellationToken)
    {
        var call = new InboundCall
        {
            SipCallId = LiveKitIds.New(LiveKitIds.SipCall), From = request.From, To = request.To, InvitedAt = clock.UtcNow, Status = "ringing",
        };
        var matching = MatchTrunks(request);
        if (matching.Count > 1)
        {
            logger.LogWarning("Inbound call {From} -> {To}: {Count} trunks match, the bridge answers 503", request.From, request.To, matching.Count);
            return Record(call with { Status = "unavailable", SipStatusCode = 503, EndedAt = clock.UtcNow });
        }

        var trunk = matching.FirstOrDefault();
        var rule = rules.Match(trunk?.SipTrunkId ?? "", request.From, request.To);
        if (rule is null)
        {
            logger.LogInformation("Inbound call {From} -> {To}: no dispatch rule matches, the INVITE is dropped", request.From, request.To);
            return Record(call with { TrunkId = trunk?.SipTrunkId ?? "", Status = "dropped", EndedAt = clock.UtcNow });
        }

        var roomName = rule.RoomFor(request.From, request.To);
        var identity = rule.IdentityFor(request.From);
        call = Record(call with { TrunkId = trunk?.SipTrunkId ?? "", RuleId = rule.Id, Room = roomName, ParticipantIdentity = identity });

        var attributes = new Dictionary<string, string>(rule.Attributes, StringComparer.Ordinal)
        {
            ["sip.callID"] = call.SipCallId,
            ["sip.callIDFull"] = Guid.NewGuid().ToString("N") + "@" + request.SourceAddress,
            ["sip.callTag"] = LiveKitIds.New(""),
            ["sip.trunkID"] = trunk?.SipTrunkId ?? "",
            ["sip.ruleID"] = rule.Id,
            [SipCallSimulator.CallStatusAttribute] = "ringing",
        };
        if (!rule.HidePhoneNumber)
        {
            attributes["sip.phoneNumber"] = request.From;
            attributes["sip.hostname"] = request.SourceAddress;
            attributes["sip.trunkPhoneNumber"] = request.To;
        }

        // The caller's join creates the room with the rule's configuration, and LiveKit launches the room's agents as
        // it creates it (none named: one dispatch with an empty name, for workers registered without one).
        var config = rule.RoomConfig;
        var (_, created) = rooms.CreateRoom(roomName, config?.EmptyTimeout ?? TimeSpan.Zero, config?.DepartureTimeout ?? TimeSpan.Zero,
            config?.MaxParticipants ?? 0, config?.Metadata ?? "");
        var caller = rooms.Join(roomName, identity, rule.ParticipantNameFor(request.From), rule.Metadata, ParticipantKind.Sip, attributes);
        if (created)
        {
            var agents = config?.Agents is { Count: > 0 } named ? named : [new SipRoomAgent("", "")];
            foreach (var agent in agents) await dispatches.CreateAsync(agent.AgentName, roomName, agent.Metadata, cancellationToken);
        }

        logger.LogInformation("Inbound call {SipCallId} {From} -> {To} ringing in {RoomName} (rule {RuleId}, trunk {TrunkId})",
            call.SipCallId, request.From, request.To, roomName, rule.Id, call.TrunkId);
        var ringingTimeout = trunk?.RingingTimeout is { } ringing && ringing > TimeSpan.Zero ? ringing : options.Value.Sip.DefaultRingingTimeout;
        var maxDuration = trunk?.MaxCallDuration is { } max && max > TimeSpan.Zero && max <= MaxCallDurationCap ? max : MaxCallDurationCap;
        _ = RunAsync(call, caller, ringingTimeout, maxDuration, request.HangUpAfter);
        return call;
    }

    /// <summary>Trunks for the called number (specific ones before wildcards) that let this caller in.</summary>
    private IReadOnlyList<SipInboundTrunk> MatchTrunks(InboundCallRequest request)
    {
        var to = Normalize(request.To);
        var from = Normalize(request.From);
        var allowed = trunks.ListInbound().Where(t => t.AllowedNumbers.Count == 0 || t.AllowedNumbers.Any(n => Normalize(n) == from)).ToArray();
        var specific = allowed.Where(t => t.Numbers.Any(n => Normalize(n) == to)).ToArray();
        return specific.Length > 0 ? specific : allowed.Where(t => t.Numbers.Count == 0).ToArray();
    }

    private static string Normalize(string number)
    {
        var digits = new string(number.Where(c => c is not (' ' or '-' or '(' or ')')).ToArray());
        return digits.Length > 0 && char.IsDigit(digits[0]) ? "+" + digits : digits;
    }

    private async Task RunAsync(InboundCall call, Participant caller, TimeSpan ringingTimeout, TimeSpan maxDuration, TimeSpan? hangUpAfter)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(caller.Departed, lifetime.ApplicationStopping);
        try
        {
            if (!await AudioToSubscribeAsync(caller, ringingTimeout, ended.Token))
            {
                logger.LogInformation("Inbound call {SipCallId}: nobody published audio within {Timeout}; 486 to the caller", call.SipCallId, ringingTimeout);
                rooms.Leave(caller, DisconnectReason.ClientInitiated);
                Record(Find(call.SipCallId)! with { Status = "rejected", SipStatusCode = 486, EndedAt = clock.UtcNow, EndedBy = "timeout" });
                return;
            }

            await clock.DelayAsync(FirstMediaDelay, ended.Token);
            rooms.UpdateAttributes(caller, new Dictionary<string, string> { [SipCallSimulator.CallStatusAttribute] = "active" });
            Record(Find(call.SipCallId)! with { Status = "active", AnsweredAt = clock.UtcNow });

            var talk = hangUpAfter is { } after && after < maxDuration ? after : maxDuration;
            await clock.DelayAsync(talk, ended.Token);
            rooms.UpdateAttributes(caller, new Dictionary<string, string> { [SipCallSimulator.CallStatusAttribute] = "hangup" });
            rooms.Leave(caller, DisconnectReason.ClientInitiated);
            Record(Find(call.SipCallId)! with { Status = "ended", EndedAt = clock.UtcNow, EndedBy = talk == maxDuration ? "limit" : "caller" });
        }
        catch (OperationCanceledException)
        {
            // Removed or the room went: the bridge sends BYE (486 while still ringing).
            var current = Find(call.SipCallId)!;
            var endedBy = caller.DisconnectReason == DisconnectReason.ParticipantRemoved ? "removed" : "room";
            Record(current.AnsweredAt is null
                ? current with { Status = "rejected", SipStatusCode = 486, EndedAt = clock.UtcNow, EndedBy = endedBy }
                : current with { Status = "ended", EndedAt = clock.UtcNow, EndedBy = endedBy });
        }
        catch (Exception e)
        {
            logger.LogError(e, "Inbound call {SipCallId} failed in the emulator", call.SipCallId);
        }
    }

    /// <summary>Waits, without polling, until a participant other than the caller publishes audio in the room; false at the timeout.</summary>
    private async Task<bool> AudioToSubscribeAsync(Participant caller, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnUpdated(Participant participant)
        {
            if (participant.RoomName == caller.RoomName && !ReferenceEquals(participant, caller) && participant.PublishesAudio
                && participant.State != ParticipantState.Disconnected)
                published.TrySetResult();
        }

        rooms.ParticipantUpdated += OnUpdated;
        try
        {
            foreach (var participant in rooms.ParticipantsIn(caller.RoomName)) OnUpdated(participant);
            await published.Task.WaitAsync(clock.Scale(timeout), clock.Time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            rooms.ParticipantUpdated -= OnUpdated;
        }
    }

    private InboundCall Record(InboundCall call)
    {
        if (_calls.TryAdd(call.SipCallId, call))
        {
            _order.Enqueue(call.SipCallId);
            while (_order.Count > Retained && _order.TryDequeue(out var oldest)) _calls.TryRemove(oldest, out _);
        }
        else
        {
            _calls[call.SipCallId] = call;
        }

        CallChanged?.Invoke(call);
        return call;
    }
}
