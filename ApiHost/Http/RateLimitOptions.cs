namespace VoicePlatform.ApiHost.Http;

/// <summary>Per-tenant API request limits (section <c>RateLimits</c>), one token bucket per class, shared by every API host.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Off only for a load test or a single trusted tenant.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>GET and HEAD.</summary>
    public RateLimitClassOptions Reads { get; set; } = new() { PerSecond = 100, Burst = 200 };

    /// <summary>Every other method, but lead imports.</summary>
    public RateLimitClassOptions Writes { get; set; } = new() { PerSecond = 20, Burst = 40 };

    /// <summary>Direct lead imports and import uploads (each may carry up to a million rows): twelve a minute, five at once.</summary>
    public RateLimitClassOptions LeadImports { get; set; } = new() { PerSecond = 0.2, Burst = 5 };
}

public sealed class RateLimitClassOptions
{
    public double PerSecond { get; set; }
    public int Burst { get; set; }
}
