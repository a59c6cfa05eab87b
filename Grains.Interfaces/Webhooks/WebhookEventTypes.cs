namespace VoicePlatform.Webhooks;

/// <summary>
/// What a tenant's webhook endpoint can subscribe to. Each is recorded durably with the change that causes it and
/// delivered at least once, always under the same event id.
/// </summary>
public static class WebhookEventTypes
{
    /// <summary>A call was placed (queued for its dial, or refused before it: then <c>call.ended</c> follows at once).</summary>
    public const string CallStarted = "call.started";

    /// <summary>The callee answered (a person or a machine: <c>call.answeredBy</c> says which once it is known).</summary>
    public const string CallAnswered = "call.answered";

    /// <summary>The call ended and was priced: its outcome, end reason and itemised cost.</summary>
    public const string CallEnded = "call.ended";

    /// <summary>A lead reached an end: completed, exhausted, or could never be dialed; <c>lead.status</c> says which.</summary>
    public const string LeadCompleted = "lead.completed";

    /// <summary>A lead will not be called: its number is (or was put) on the do-not-call list.</summary>
    public const string LeadDoNotCall = "lead.do_not_call";

    public const string CampaignStarted = "campaign.started";

    /// <summary>A campaign paused, by a person or by itself (<c>reason</c>: requested, insufficient-funds, abandon-rate…).</summary>
    public const string CampaignPaused = "campaign.paused";

    public const string CampaignResumed = "campaign.resumed";

    /// <summary>A campaign finished for good: every lead done, or cancelled (<c>reason</c>).</summary>
    public const string CampaignCompleted = "campaign.completed";

    /// <summary>The money available fell below the tenant's low-balance threshold (once per crossing).</summary>
    public const string WalletLowBalance = "wallet.low_balance";

    /// <summary>Money was added to the wallet: a top-up, a grant, an adjustment or a refund.</summary>
    public const string WalletCredited = "wallet.credited";

    /// <summary>One of the tenant's endpoints was disabled after failing for too long (sent to its other endpoints).</summary>
    public const string WebhookDisabled = "webhook.disabled";

    /// <summary>Every type, in the order the API lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        CallStarted, CallAnswered, CallEnded, LeadCompleted, LeadDoNotCall, CampaignStarted, CampaignPaused, CampaignResumed,
        CampaignCompleted, WalletLowBalance, WalletCredited, WebhookDisabled,
    ];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);

    /// <summary>Every type with what it means, as <c>GET /api/webhooks/event-types</c> lists them.</summary>
    public static IReadOnlyList<WebhookEventType> Described { get; } =
    [
        new(CallStarted, "A call was placed (or refused before it rang: call.ended follows at once)."),
        new(CallAnswered, "The callee answered."),
        new(CallEnded, "The call ended and was priced: its outcome, end reason and itemised cost."),
        new(LeadCompleted, "A lead reached an end: completed or out of attempts (lead.status says which)."),
        new(LeadDoNotCall, "A lead will not be called: its number is on the do-not-call list."),
        new(CampaignStarted, "A campaign began dialing."),
        new(CampaignPaused, "A campaign paused; reason: requested, insufficient-funds or abandon-rate."),
        new(CampaignResumed, "A paused campaign was resumed."),
        new(CampaignCompleted, "A campaign finished for good; reason: completed or cancelled."),
        new(WalletLowBalance, "The money available fell below the low-balance threshold."),
        new(WalletCredited, "Money was added: a top-up, bonus, refund or adjustment."),
        new(WebhookDisabled, "Another of the tenant's endpoints was disabled after failing for too long."),
    ];
}
