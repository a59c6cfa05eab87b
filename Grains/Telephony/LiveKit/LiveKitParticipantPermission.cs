namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>The parts of <c>ParticipantPermission</c> the platform looks at.</summary>
public sealed record LiveKitParticipantPermission
{
    public bool CanSubscribe { get; init; }
    public bool CanPublish { get; init; }
    public bool CanPublishData { get; init; }
    public bool Hidden { get; init; }
    public bool CanUpdateMetadata { get; init; }
}
