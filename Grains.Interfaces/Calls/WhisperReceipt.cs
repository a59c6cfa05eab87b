namespace VoicePlatform.Calls;

/// <summary>
/// The answer to a whisper: whether the AI agent acknowledged the coaching text (it answered the platform's coaching
/// RPC), and when not, why. A whisper that was not acknowledged may still have reached the agent after the wait.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.WhisperReceipt")]
public sealed record WhisperReceipt
{
    [Id(0)] public required string WhisperId { get; init; }
    [Id(1)] public required bool Acknowledged { get; init; }
    /// <summary>The agent participant the whisper was sent to.</summary>
    [Id(2)] public required string AgentIdentity { get; init; }
    /// <summary>Why it was not acknowledged: the agent did not answer in time, does not take coaching, or left.</summary>
    [Id(3)] public string? Failure { get; init; }
    [Id(4)] public required DateTimeOffset At { get; init; }
}
