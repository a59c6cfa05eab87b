namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>What happened to one simulated inbound call, for the emulator's own endpoint and for latency figures.</summary>
public sealed record InboundCall
{
    public required string SipCallId { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public string TrunkId { get; init; } = "";
    public string RuleId { get; init; } = "";
    public string Room { get; init; } = "";
    public string ParticipantIdentity { get; init; } = "";
    public required DateTimeOffset InvitedAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    /// <summary>ringing, active, ended (after an answer), rejected (486: never answered), dropped (no rule: no response) or unavailable (503).</summary>
    public required string Status { get; init; }
    /// <summary>The SIP response the caller got when it was not answered (486, 503), or null.</summary>
    public int? SipStatusCode { get; init; }
    /// <summary>Who ended it: caller (hung up), removed (the platform), room (deleted or closed), timeout (ringing), limit (max duration).</summary>
    public string? EndedBy { get; init; }
}
