namespace VoicePlatform.Grains.Telephony.LiveKit;

/// <summary>What TransferSIPParticipant answers; all empty from servers that still answer <c>{}</c>.</summary>
public sealed record LiveKitSipTransferResult
{
    public string TransferId { get; init; } = "";

    /// <summary><c>STS_...</c></summary>
    public string Status { get; init; } = "";

    /// <summary><c>STR_...</c></summary>
    public string Reason { get; init; } = "";
}
