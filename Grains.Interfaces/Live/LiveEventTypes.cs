namespace VoicePlatform.Live;

/// <summary>The names of live events (<see cref="LiveEvent.Type"/>), as consumers and webhook filters see them.</summary>
public static class LiveEventTypes
{
    /// <summary>A call changed: its state, times, outcome or cost so far. The payload is the whole call, so applying the latest is enough.</summary>
    public const string CallUpdated = "call.updated";

    /// <summary>A transcript segment was spoken (or an interim one revised).</summary>
    public const string CallTranscript = "call.transcript";

    /// <summary>A campaign changed state, or its progress moved (at most every two seconds while it runs).</summary>
    public const string CampaignUpdated = "campaign.updated";

    /// <summary>The wallet's balance or reservations changed (at most once a second, the last change always).</summary>
    public const string WalletUpdated = "wallet.updated";

    /// <summary>The money available fell below the low-balance threshold.</summary>
    public const string WalletLowBalance = "wallet.low_balance";
}
