using Microsoft.Extensions.Options;
using VoicePlatform.LiveKitEmulator.Hosting;
using VoicePlatform.LiveKitEmulator.Rooms;
using VoicePlatform.LiveKitEmulator.Twirp;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>
/// Plays an outbound call the way the SIP bridge does (PROTOCOL.md §4): the participant joins with
/// <c>sip.callStatus=dialing</c> before the INVITE, moves to <c>ringing</c> on the first 18x, to
/// <c>automation</c> while DTMF is sent, to <c>active</c> on answer, and to <c>hangup</c> on a normal end.
/// A failed call gets no new status and just leaves with the bridge's disconnect reason.
/// </summary>
public sealed class SipCallSimulator(
    RoomStore rooms,
    SipOutcomePicker outcomes,
    EmulatorClock clock,
    IOptions<LiveKitEmulatorOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SipCallSimulator> logger)
{
    public const string CallStatusAttribute = "sip.callStatus";

    private readonly System.Collections.Concurrent.ConcurrentQueue<SipCallRequest> _dialled = new();

    /// <summary>Every call dialled since start, in order: lets tests prove a number was dialled exactly once.</summary>
    public IReadOnlyCollection<SipCallRequest> Dialled => _dialled;

    public SipCall Dial(SipCallRequest request)
    {
        _dialled.Enqueue(request);
        var callId = LiveKitIds.New(LiveKitIds.SipCall);
        var attributes = new Dictionary<string, string>(request.Attributes, StringComparer.Ordinal)
        {
            ["sip.callID"] = callId,
            ["sip.trunkID"] = request.TrunkId,
            [CallStatusAttribute] = "dialing",
        };
        if (!request.HidePhoneNumber)
        {
            attributes["sip.phoneNumber"] = request.CallTo;
            attributes["sip.hostname"] = request.Hostname;
            attributes["sip.trunkPhoneNumber"] = request.FromNumber;
        }

        var outcome = outcomes.Pick(request.CallTo);
        var participant = rooms.Join(request.RoomName, request.Identity, request.Name, request.Metadata, ParticipantKind.Sip, attributes);
        logger.LogInformation("SIP call {CallId} to {Number} in {RoomName}: {Outcome}", callId, request.CallTo, request.RoomName, outcome);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = RunAsync(participant, request, outcome, answered);
        return new SipCall(callId, participant, answered.Task);
    }

    private async Task RunAsync(Participant participant, SipCallRequest request, SipOutcome outcome, TaskCompletionSource answered)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(participant.Departed, lifetime.ApplicationStopping);
        var token = ended.Token;
        try
        {
            await clock.DelayAsync(options.Value.Sip.DialingDelay, token);
            var rings = outcome.Ring > TimeSpan.Zero || outcome.Kind is SipOutcomeKind.Answer or SipOutcomeKind.Voicemail or SipOutcomeKind.Timeout;
            if (rings)
            {
                SetStatus(participant, "ringing");
                var ringFor = outcome.Kind == SipOutcomeKind.Timeout ? TimeSpan.MaxValue : outcome.Ring;
                if (ringFor >= request.RingingTimeout)
                {
                    await clock.DelayAsync(request.RingingTimeout, token);
                    Fail(participant, answered, SipStatus.Of(408));
                    return;
                }

                await clock.DelayAsync(ringFor, token);
            }

            if (outcome.Kind is not (SipOutcomeKind.Answer or SipOutcomeKind.Voicemail))
            {
                Fail(participant, answered, SipStatus.Of(outcome.SipCode));
                return;
            }

            await TalkAsync(participant, request, outcome, answered, token);
        }
        catch (OperationCanceledException)
        {
            // Removed, room deleted or shutting down: a waiting CreateSIPParticipant sees the INVITE cancelled.
            answered.TrySetException(SipStatus.Of(487).ToTwirpException());
        }
    }

    private async Task TalkAsync(Participant participant, SipCallRequest request, SipOutcome outcome, TaskCompletionSource answered, CancellationToken token)
    {
        if (outcome.Kind == SipOutcomeKind.Voicemail)
        {
            var sip = options.Value.Sip;
            rooms.UpdateAttributes(participant, new Dictionary<string, string> { [sip.MachineAttributeName] = sip.MachineAttributeValue });
        }

        if (request.Dtmf.Length > 0)
        {
            SetStatus(participant, "automation");
            var pauses = request.Dtmf.Count(c => c == 'w');
            await clock.DelayAsync(TimeSpan.FromMilliseconds((500 * pauses) + (250 * (request.Dtmf.Length - pauses))), token);
        }

        SetStatus(participant, "active");
        answered.TrySetResult();

        var maxDuration = request.MaxCallDuration is { } max && max > TimeSpan.Zero ? max : TimeSpan.FromHours(24);
        var talk = outcome.HangupAfter is { } hangup && hangup < maxDuration ? hangup : maxDuration;
        await clock.DelayAsync(talk, token);
        logger.LogInformation("SIP participant {Identity} in {RoomName} hung up after {Talk}", participant.Identity, participant.RoomName, talk);
        SetStatus(participant, "hangup");
        rooms.Leave(participant, DisconnectReason.ClientInitiated);
    }

    private void Fail(Participant participant, TaskCompletionSource answered, SipStatus status)
    {
        answered.TrySetException(status.ToTwirpException());
        rooms.Leave(participant, status.DisconnectReason);
    }

    private void SetStatus(Participant participant, string status) =>
        rooms.UpdateAttributes(participant, new Dictionary<string, string> { [CallStatusAttribute] = status });
}
