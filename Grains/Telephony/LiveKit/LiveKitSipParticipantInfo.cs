namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary><c>SIPParticipantInfo</c>, the answer to CreateSIPParticipant.</summary>
public sealed record LiveKitSipParticipantInfo
{
    /// <summary><c>PA_...</c></summary>
    public string ParticipantId { get; init; } = "";
    public string ParticipantIdentity { get; init; } = "";
    public string RoomName { get; init; } = "";

    /// <summary><c>SCL_...</c>, equal to the participant's <c>sip.callID</c> attribute.</summary>
    public string SipCallId { get; init; } = "";
}
