using System.Net;
using VoicePlatform.Grains.Common;

namespace VoicePlatform.Grains.Webhooks;

/// <summary>How outbound webhooks are delivered and where they may go (configuration section <c>Webhooks</c>).</summary>
public sealed class WebhookDeliveryOptions : IValidatedOptions
{
    public static string SectionName => "Webhooks";

    /// <summary>The delay after the first failure; doubled after each one (with jitter).</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Attempts before a delivery is dead-lettered; with the defaults the last comes about a day after the first.</summary>
    public int MaxAttempts { get; set; } = 15;

    /// <summary>How long a receiver may take to answer (connection included) before the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An endpoint whose every delivery has failed for this long is disabled, and a <c>webhook.disabled</c> event tells the tenant.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Only https targets (the default); the all-in-one development mode allows http.</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.20.0.0/16</c>, or one address) that targets may reach although they are loopback,
    /// private, link-local or the cloud metadata address — the operator's own receivers. Empty by default.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>How long the previous secret keeps signing after a rotation when the request does not say.</summary>
    public TimeSpan DefaultSecretOverlap { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan MaxSecretOverlap { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Deliveries of one endpoint sent at once.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>The period of the cluster's sweep for overdue deliveries (a reminder: one minute is Orleans' floor in production).</summary>
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An endpoint's retry timer is armed when its next delivery is due within this; later ones are the sweep's.</summary>
    public TimeSpan TimerHorizon { get; set; } = TimeSpan.FromMinutes(2);

    public IReadOnlyList<NetworkRange> AllowedRanges() => AllowedNetworks.Select(n => NetworkRange.TryParse(n, out var range) ? range : null).OfType<NetworkRange>().ToList();

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (InitialBackoff < TimeSpan.FromMilliseconds(10) || InitialBackoff > TimeSpan.FromHours(1)) problems.Add($"{SectionName}:InitialBackoff must be from 00:00:00.010 to 01:00:00; got {InitialBackoff}.");
        if (MaxBackoff < InitialBackoff || MaxBackoff > TimeSpan.FromDays(1)) problems.Add($"{SectionName}:MaxBackoff must be from InitialBackoff to 1.00:00:00; got {MaxBackoff}.");
        if (MaxAttempts is < 1 or > 50) problems.Add($"{SectionName}:MaxAttempts must be from 1 to 50; got {MaxAttempts}.");
        if (Timeout < TimeSpan.FromMilliseconds(100) || Timeout > TimeSpan.FromMinutes(1)) problems.Add($"{SectionName}:Timeout must be from 00:00:00.100 to 00:01:00; got {Timeout}.");
        if (DisableAfter < TimeSpan.FromSeconds(1)) problems.Add($"{SectionName}:DisableAfter must be at least 00:00:01; got {DisableAfter}.");
        if (DefaultSecretOverlap < TimeSpan.Zero || DefaultSecretOverlap > MaxSecretOverlap) problems.Add($"{SectionName}:DefaultSecretOverlap must be from 0 to MaxSecretOverlap; got {DefaultSecretOverlap}.");
        if (Concurrency is < 1 or > 64) problems.Add($"{SectionName}:Concurrency must be from 1 to 64; got {Concurrency}.");
        if (SweepPeriod < TimeSpan.FromSeconds(1) || SweepPeriod > TimeSpan.FromHours(1)) problems.Add($"{SectionName}:SweepPeriod must be from 00:00:01 to 01:00:00; got {SweepPeriod}.");
        if (TimerHorizon < TimeSpan.Zero) problems.Add($"{SectionName}:TimerHorizon must not be negative; got {TimerHorizon}.");
        for (var i = 0; i < AllowedNetworks.Count; i++)
            if (!NetworkRange.TryParse(AllowedNetworks[i], out _)) problems.Add($"{SectionName}:AllowedNetworks:{i} '{AllowedNetworks[i]}' is not an address or CIDR range.");
        return problems;
    }
}
