namespace VoicePlatform.Grains.Campaigns.Dialing;

/// <summary>
/// How many dials a campaign may place now; when fewer than it asked for, what limited it and, for a rate, how long
/// until it lifts (host time: a trunk's calls per second are the carrier's, whatever the calling clock says).
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.DialGrant")]
public sealed record DialGrant(
    [property: Id(0)] int Granted,
    [property: Id(1)] DialLimit Limit,
    [property: Id(2)] TimeSpan? RetryAfter);
