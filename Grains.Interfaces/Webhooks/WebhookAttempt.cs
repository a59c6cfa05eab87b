namespace VoicePlatform.Webhooks;

/// <summary>One POST of a delivery: what the receiver answered and how long it took.</summary>
[GenerateSerializer, Immutable, Alias("vp.WebhookAttempt")]
public sealed record WebhookAttempt
{
    [Id(0)] public required int Number { get; init; }
    [Id(1)] public required DateTimeOffset At { get; init; }
    /// <summary>The HTTP status the receiver answered; null when there was no answer (refused, timed out, blocked).</summary>
    [Id(2)] public int? StatusCode { get; init; }
    [Id(3)] public required long LatencyMs { get; init; }
    /// <summary>What went wrong when it failed without an HTTP status, or the start of the receiver's error answer.</summary>
    [Id(4)] public string? Error { get; init; }
    /// <summary>Whether a person asked for this attempt (a redelivery).</summary>
    [Id(5)] public bool Manual { get; init; }
}
