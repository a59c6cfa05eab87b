namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>An audio-only room-composite recording to one file.</summary>
public sealed record LiveKitAudioEgressRequest
{
    public required string RoomName { get; init; }

    /// <summary>Where the egress writes the file (may use LiveKit's <c>{room_name}</c>/<c>{time}</c> templates).</summary>
    public required string Filepath { get; init; }

    /// <summary><c>EncodedFileType</c> name: <c>OGG</c> (default) or <c>MP4</c>.</summary>
    public string FileType { get; init; } = "OGG";

    /// <summary><c>DEFAULT_MIXING</c>, <c>DUAL_CHANNEL_AGENT</c> or <c>DUAL_CHANNEL_ALTERNATE</c>; null leaves the default.</summary>
    public string? AudioMixing { get; init; }
}
