using VoicePlatform.LiveKitEmulator.Rooms;
using VoicePlatform.LiveKitEmulator.Sip;

namespace VoicePlatform.LiveKitEmulator.Agents;

/// <summary>
/// Waits, without polling, for the first SIP participant of a room to answer: it follows the store's participant
/// updates (join, attribute changes) and the departure tokens of the callee and of the agent itself. Subscribes at
/// construction, before the agent joins, so no change between joining and looking is missed.
/// </summary>
public sealed class CalleeWatch : IDisposable
{
    private readonly RoomStore _rooms;
    private readonly string _roomName;
    private readonly SipEmulationOptions _sip;
    private readonly TaskCompletionSource<CalleeAnswer?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Participant?> _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private Participant? _callee;
    private CancellationTokenRegistration _calleeLeft;
    private CancellationTokenRegistration _agentLeft;

    public CalleeWatch(RoomStore rooms, string roomName, SipEmulationOptions sip)
    {
        _rooms = rooms;
        _roomName = roomName;
        _sip = sip;
        _rooms.ParticipantUpdated += OnParticipantUpdated;
    }

    /// <summary>The answer, or null when the callee left unanswered or the agent itself left (the room was deleted).</summary>
    public Task<CalleeAnswer?> Answered => _answer.Task;

    /// <summary>The SIP participant once it is in the room (an inbound caller may join after the agent), or null when the agent left first.</summary>
    public Task<Participant?> Joined => _joined.Task;

    /// <summary>Starts watching once the agent is in the room, including participants that joined before it.</summary>
    public void Start(Participant agent)
    {
        _agentLeft = agent.Departed.Register(() =>
        {
            _answer.TrySetResult(null);
            _joined.TrySetResult(null);
        });
        foreach (var participant in _rooms.ParticipantsIn(_roomName))
        {
            OnParticipantUpdated(participant);
        }
    }

    // Runs on the store's caller (the SIP simulation) right after its change: it must be quick and never throw.
    private void OnParticipantUpdated(Participant participant)
    {
        if (participant.Kind != ParticipantKind.Sip || participant.RoomName != _roomName || _answer.Task.IsCompleted)
        {
            return;
        }

        lock (_lock)
        {
            if (_callee is null)
            {
                _callee = participant;
                _calleeLeft = participant.Departed.Register(() => _answer.TrySetResult(null));
                _joined.TrySetResult(participant);
            }
            else if (!ReferenceEquals(_callee, participant))
            {
                return;
            }
        }

        var attributes = _rooms.AttributesOf(participant);
        if (attributes.TryGetValue(SipCallSimulator.CallStatusAttribute, out var status) && status == "active")
        {
            var machine = attributes.TryGetValue(_sip.MachineAttributeName, out var marker) && marker == _sip.MachineAttributeValue;
            _answer.TrySetResult(new CalleeAnswer(participant, machine));
        }
    }

    public void Dispose()
    {
        _rooms.ParticipantUpdated -= OnParticipantUpdated;
        _calleeLeft.Dispose();
        _agentLeft.Dispose();
    }
}
