namespace VoicePlatform.Grains.Live;

/// <summary>Where grains publish their live events; no provider means they publish nothing (a host without streams).</summary>
public sealed class LiveEventOptions
{
    public string? StreamProvider { get; set; }
}
