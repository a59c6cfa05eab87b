using VoicePlatform.Calls;

namespace VoicePlatform.Grains.Calls;

/// <summary>The lifecycle part of a call's state: status, why it ended, and when each transition happened.</summary>
[GenerateSerializer, Immutable, Alias("vp.CallProgress")]
public sealed record CallProgress
{
    [Id(0)] public CallStatus Status { get; init; }
    [Id(1)] public CallEndReason? EndReason { get; init; }
    [Id(2)] public string? EndDetail { get; init; }
    [Id(3)] public int? SipStatusCode { get; init; }
    [Id(4)] public string? DisconnectReason { get; init; }
    [Id(5)] public DateTimeOffset QueuedAt { get; init; }
    [Id(6)] public DateTimeOffset? DialingAt { get; init; }
    [Id(7)] public DateTimeOffset? RingingAt { get; init; }
    [Id(8)] public DateTimeOffset? AnsweredAt { get; init; }
    [Id(9)] public DateTimeOffset? EndedAt { get; init; }
    /// <summary>When the AI agent's participant was first seen in the room (participant_joined of kind AGENT, or the watchdog's list).</summary>
    [Id(10)] public DateTimeOffset? AgentJoinedAt { get; init; }

    public bool IsEnded => Status == CallStatus.Ended;
}
