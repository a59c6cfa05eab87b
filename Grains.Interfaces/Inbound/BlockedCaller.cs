namespace VoicePlatform.Inbound;

/// <summary>A caller the tenant's numbers never answer: its number (E.164), why, who listed it and when.</summary>
[GenerateSerializer, Immutable, Alias("vp.BlockedCaller")]
public sealed record BlockedCaller
{
    public const int MaxReasonLength = 500;

    [Id(0)] public required string Number { get; init; }
    [Id(1)] public string? Reason { get; init; }
    [Id(2)] public required string AddedBy { get; init; }
    [Id(3)] public required DateTimeOffset AddedAt { get; init; }
}
