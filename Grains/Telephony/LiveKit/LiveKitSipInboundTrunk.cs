namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// <c>SIPInboundTrunkInfo</c>: which called numbers, source addresses and credentials LiveKit accepts calls on. Leave
/// <see cref="SipTrunkId"/> null when creating: LiveKit assigns <c>ST_...</c>. LiveKit refuses a trunk with none of
/// numbers, allowed addresses or credentials ("for security").
/// </summary>
public sealed record LiveKitSipInboundTrunk
{
    public string? SipTrunkId { get; init; }
    public string Name { get; init; } = "";
    public string? Metadata { get; init; }
    /// <summary>Called (To) numbers; empty accepts any.</summary>
    public IReadOnlyList<string> Numbers { get; init; } = [];
    /// <summary>IPs, CIDRs or host names calls may come from; empty allows any source.</summary>
    public IReadOnlyList<string> AllowedAddresses { get; init; } = [];
    /// <summary>Caller (From) numbers allowed; empty allows any caller.</summary>
    public IReadOnlyList<string> AllowedNumbers { get; init; } = [];
    public string? AuthUsername { get; init; }
    public string? AuthPassword { get; init; }
    /// <summary>How long the caller hears ringing while the bridge waits for the agent's audio (LiveKit's default is 3 minutes).</summary>
    public TimeSpan? RingingTimeout { get; init; }
    public TimeSpan? MaxCallDuration { get; init; }

    /// <summary>Leaves the password out: records print into logs, and a secret must never reach one.</summary>
    public override string ToString() =>
        $"LiveKitSipInboundTrunk {{ SipTrunkId = {SipTrunkId}, Name = {Name}, Numbers = [{string.Join(", ", Numbers)}], AuthUsername = {AuthUsername} }}";
}
