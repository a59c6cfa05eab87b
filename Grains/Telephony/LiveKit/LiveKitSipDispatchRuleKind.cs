namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary><c>SIPDispatchRule</c>, a oneof: exactly one member is set.</summary>
public sealed record LiveKitSipDispatchRuleKind
{
    /// <summary>A room of its own per caller: <c>{prefix}_{caller}_{random}</c>.</summary>
    public LiveKitSipDispatchRuleIndividual? DispatchRuleIndividual { get; init; }
}
