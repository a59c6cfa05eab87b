namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// <c>SIPDispatchRuleInfo</c>: which inbound calls it takes (trunks, called numbers) and the room each one lands in.
/// Leave <see cref="SipDispatchRuleId"/> null when creating: LiveKit assigns <c>SDR_...</c>.
/// </summary>
public sealed record LiveKitSipDispatchRule
{
    public string? SipDispatchRuleId { get; init; }
    /// <summary>Required by LiveKit on create; read tolerantly from replies.</summary>
    public LiveKitSipDispatchRuleKind? Rule { get; init; }
    /// <summary>The trunks it serves; empty serves any trunk.</summary>
    public IReadOnlyList<string> TrunkIds { get; init; } = [];
    public bool HidePhoneNumber { get; init; }
    /// <summary>Called (To) numbers it takes; empty takes any.</summary>
    public IReadOnlyList<string> Numbers { get; init; } = [];
    public string Name { get; init; } = "";
    public string? Metadata { get; init; }
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
    /// <summary>Applied when the caller's participant creates the room, agents to dispatch included.</summary>
    public LiveKitRoomConfiguration? RoomConfig { get; init; }
}
