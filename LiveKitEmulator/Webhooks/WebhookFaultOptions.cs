namespace VoicePlatform.LiveKitEmulator.Webhooks;

/// <summary>Delivery faults injected from a seeded random, so a run with the same seed and the same events is reproducible.</summary>
public sealed class WebhookFaultOptions
{
    /// <summary>Chance (0..1) that an event is sent twice (same <c>id</c>, same body).</summary>
    public double DuplicateProbability { get; set; }

    /// <summary>Chance (0..1) that an event is never sent.</summary>
    public double LossProbability { get; set; }

    /// <summary>Events are held in a window of this size and released in seeded-random order; 0 or 1 keeps the order.</summary>
    public int ReorderWindow { get; set; }

    /// <summary>Held events are released (in random order) after this long without a new event.</summary>
    public TimeSpan ReorderFlushAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Extra latency before each delivery.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Seed of the fault random; unset means a different sequence each run.</summary>
    public int? Seed { get; set; }
}
