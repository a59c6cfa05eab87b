namespace VoicePlatform.Calls;

/// <summary>The verdict on an inbound job's claim, and the claim itself when granted.</summary>
[GenerateSerializer, Immutable, Alias("vp.InboundClaimReceipt")]
public sealed record InboundClaimReceipt
{
    [Id(0)] public required InboundClaimOutcome Outcome { get; init; }
    [Id(1)] public InboundClaim? Claim { get; init; }
    [Id(2)] public string? Detail { get; init; }
    /// <summary>The request field at fault, for <see cref="InboundClaimOutcome.Invalid"/>.</summary>
    [Id(3)] public string? Field { get; init; }
}
