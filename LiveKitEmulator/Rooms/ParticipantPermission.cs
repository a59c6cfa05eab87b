namespace VoicePlatform.LiveKitEmulator.Rooms;

/// <summary>
/// LiveKit's <c>ParticipantPermission</c>, the flags the emulator keeps. <c>UpdateParticipant</c> replaces all of them
/// at once: a flag left out of the request becomes false.
/// </summary>
public sealed record ParticipantPermission(
    bool CanSubscribe,
    bool CanPublish,
    bool CanPublishData,
    bool Hidden,
    bool CanUpdateMetadata,
    IReadOnlyList<string> CanPublishSources)
{
    /// <summary>What a participant joined with a plain token may do.</summary>
    public static ParticipantPermission For(ParticipantKind kind) =>
        new(true, true, true, false, kind is ParticipantKind.Sip or ParticipantKind.Agent, []);
}
