namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>The validated parts of a CreateSIPParticipant request the simulation needs.</summary>
public sealed record SipCallRequest(
    string RoomName,
    string Identity,
    string Name,
    string Metadata,
    string CallTo,
    string FromNumber,
    string TrunkId,
    string Hostname,
    bool HidePhoneNumber,
    string Dtmf,
    IReadOnlyDictionary<string, string> Attributes,
    TimeSpan RingingTimeout,
    TimeSpan? MaxCallDuration);
