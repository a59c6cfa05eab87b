using System.Text.Json.Serialization;

namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>The <c>sip</c> grant: <c>admin</c> for trunk and dispatch-rule CRUD, <c>call</c> to dial or transfer.</summary>
public sealed record LiveKitSipGrant
{
    [JsonPropertyName("admin")] public bool? Admin { get; init; }
    [JsonPropertyName("call")] public bool? Call { get; init; }
}
