namespace VoicePlatform.Live;

/// <summary>The names of live events (<see cref="LiveEvent.Type"/>), as consumers and webhook filters see them.</summary>
public static class LiveEventTypes
{
    /// <summary>A call changed: its state, times, outcome or cost so far. The payload is the whole call, so applying the latest is enough.</summary>
    public const string CallUpdated = "call.updated";

    /// <summary>A transcript segment was spoken (or an interim one revised).</summary>
    public const string CallTranscript = "call.transcript";
}
