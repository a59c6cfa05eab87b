namespace VoicePlatform.Grains.Campaigns.Dialing;

/// <summary>
/// How a tenant's concurrency is shared between its inbound calls and its campaigns, free of Orleans: every live call
/// counts against the concurrency limit; inbound calls are also capped by their own limit; and the reserved slots are
/// inbound-only — campaigns may use the limit minus the larger of the reservation and the inbound calls live now.
/// </summary>
public static class InboundCapacity
{
    /// <summary>Whether one more inbound call may be answered now.</summary>
    public static bool Admits(int inboundLive, int outboundLive, int concurrencyLimit, int inboundLimit) =>
        inboundLive < Math.Min(inboundLimit, concurrencyLimit) && inboundLive + outboundLive < concurrencyLimit;

    /// <summary>The cap the campaigns share: what the inbound calls and the reservation leave of the limit.</summary>
    public static int OutboundCap(int concurrencyLimit, int reserved, int inboundLive) =>
        Math.Max(0, concurrencyLimit - Math.Max(reserved, inboundLive));
}
