namespace VoicePlatform.Webhooks;

/// <summary>
/// The cluster's backstop for outbound webhooks, woken by a reminder each minute: any endpoint with a delivery overdue
/// (its wake-up lost with a crashed silo, its retry timer collected with an idle activation) is woken.
/// </summary>
public interface IWebhookSweeperGrain : IGrainWithStringKey
{
    public const string Key = "cluster";

    /// <summary>Makes sure the reminder exists (idempotent; every silo calls it at start).</summary>
    Task StartAsync();

    /// <summary>One sweep now; answers how many endpoints it woke.</summary>
    Task<int> SweepAsync();
}
