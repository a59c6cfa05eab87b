namespace VoicePlatform.Silo.Hosting;

/// <summary>Names of the Orleans stream providers.</summary>
public static class StreamProviders
{
    /// <summary>Live events for supervisors: best effort and in memory; the durable record is in grain state and tables.</summary>
    public const string Live = VoicePlatform.Live.LiveStreamIds.Provider;
}
