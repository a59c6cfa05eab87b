using System.Text.Json.Serialization;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>
/// LiveKit's <c>ParticipantInfo</c>. Enums stay strings as LiveKit names them (<c>Kind</c> "SIP", "AGENT";
/// empty means STANDARD because protojson omits the zero value; <c>DisconnectReason</c> "USER_REJECTED"...),
/// so a value added by a newer server never fails parsing.
/// </summary>
public sealed record LiveKitParticipantInfo
{
    /// <summary><c>PA_...</c></summary>
    public string Sid { get; init; } = "";
    public string Identity { get; init; } = "";
    public string State { get; init; } = "";
    public string Metadata { get; init; } = "";

    /// <summary>Unix seconds.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long JoinedAt { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long JoinedAtMs { get; init; }

    public string Name { get; init; } = "";
    public LiveKitParticipantPermission? Permission { get; init; }
    public string Region { get; init; } = "";
    public bool IsPublisher { get; init; }
    public string Kind { get; init; } = "";
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
    public string DisconnectReason { get; init; } = "";

    [JsonIgnore] public bool IsSip => Kind == "SIP";

    /// <summary>The <c>sip.callStatus</c> attribute: dialing, ringing, automation, active or hangup.</summary>
    [JsonIgnore] public string? SipCallStatus => Attributes.GetValueOrDefault("sip.callStatus");
}
