namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary><c>TransferSIPParticipantRequest</c>: a SIP REFER of the participant's call.</summary>
public sealed record LiveKitTransferSipParticipantRequest
{
    public required string ParticipantIdentity { get; init; }
    public required string RoomName { get; init; }

    /// <summary>A <c>sip:</c>, <c>sips:</c> or <c>tel:</c> URI.</summary>
    public required string TransferTo { get; init; }

    public bool? PlayDialtone { get; init; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public TimeSpan? RingingTimeout { get; init; }
}
