namespace VoicePlatform.Campaigns;

/// <summary>
/// How a campaign retries a lead, by the outcome of its last attempt. A callback is placed at the time the callee asked
/// for (moved into the lead's next allowed moment); do-not-call ends the lead for good and adds the number to the
/// tenant's DNC list; any other conversation completes the lead.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.RetryPolicy")]
public sealed record RetryPolicy
{
    public static RetryPolicy Default { get; } = new()
    {
        NoAnswer = new RetryRule { DelayMinutes = 240, MaxAttempts = 3 },
        Busy = new RetryRule { DelayMinutes = 30, MaxAttempts = 3 },
        Voicemail = new RetryRule { DelayMinutes = 24 * 60, MaxAttempts = 2 },
        Failed = new RetryRule { DelayMinutes = 60, MaxAttempts = 2 },
        MaxAttemptsPerLead = 6,
    };

    [Id(0)] public required RetryRule NoAnswer { get; init; }
    [Id(1)] public required RetryRule Busy { get; init; }
    [Id(2)] public required RetryRule Voicemail { get; init; }
    [Id(3)] public required RetryRule Failed { get; init; }
    /// <summary>All attempts of one lead together, whatever their outcomes.</summary>
    [Id(4)] public required int MaxAttemptsPerLead { get; init; }
}
