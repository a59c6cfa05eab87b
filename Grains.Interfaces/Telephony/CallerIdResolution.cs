namespace VoicePlatform.Telephony;

/// <summary>The caller id and trunk a call presents, or why there is none.</summary>
[GenerateSerializer, Immutable, Alias("vp.CallerIdResolution")]
public sealed record CallerIdResolution
{
    [Id(0)] public required CallerIdOutcome Outcome { get; init; }
    [Id(1)] public PhoneNumberId? NumberId { get; init; }
    /// <summary>The E.164 caller id.</summary>
    [Id(2)] public string? Number { get; init; }
    [Id(3)] public SipTrunkId? TrunkId { get; init; }
    /// <summary>The LiveKit outbound trunk (<c>ST_…</c>) to dial through.</summary>
    [Id(4)] public string? LiveKitTrunkId { get; init; }
    [Id(5)] public string? Reason { get; init; }

    public static CallerIdResolution Resolved(PhoneNumberSummary number, SipTrunkSummary trunk) => new()
    {
        Outcome = CallerIdOutcome.Resolved,
        NumberId = number.Id,
        Number = number.Number,
        TrunkId = trunk.Id,
        LiveKitTrunkId = trunk.LiveKitTrunkId,
    };

    public static CallerIdResolution None(string reason) => new() { Outcome = CallerIdOutcome.NoCallerId, Reason = reason };
}
