namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary><c>SIPOutboundTrunkInfo</c>. Leave <see cref="SipTrunkId"/> null when creating: LiveKit assigns <c>ST_...</c>.</summary>
public sealed record LiveKitSipOutboundTrunk
{
    public string? SipTrunkId { get; init; }
    public string Name { get; init; } = "";
    public string? Metadata { get; init; }

    /// <summary>A host name (not a <c>sip:</c> URI).</summary>
    public string Address { get; init; } = "";

    /// <summary><c>SIP_TRANSPORT_AUTO</c>, <c>_UDP</c>, <c>_TCP</c> or <c>_TLS</c>; null leaves it unset.</summary>
    public string? Transport { get; init; }

    public IReadOnlyList<string> Numbers { get; init; } = [];
    public string? AuthUsername { get; init; }
    public string? AuthPassword { get; init; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public string? DestinationCountry { get; init; }
    public string? FromHost { get; init; }

    /// <summary>Leaves the password out: records print into logs, and a secret must never reach one.</summary>
    public override string ToString() =>
        $"LiveKitSipOutboundTrunk {{ SipTrunkId = {SipTrunkId}, Name = {Name}, Address = {Address}, Numbers = [{string.Join(", ", Numbers)}], AuthUsername = {AuthUsername} }}";
}
