namespace VoicePlatform.Calls;

/// <summary>The agent worker asks to hand the callee to a person at <see cref="To"/> (E.164); one transfer per call.</summary>
[GenerateSerializer, Immutable, Alias("vp.TransferCall")]
public sealed record TransferCall
{
    [Id(0)] public required string To { get; init; }
}
