using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Campaigns;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Webhooks;

/// <summary>
/// The campaign-dialing host with webhook timings a test can watch: retries after 0.2 s doubling to 1 s, five
/// attempts, a one-second answer timeout, and endpoints disabled after failing for 6 s. Development mode allows
/// loopback receivers (only); the network rules for production are tested on the policy and sender themselves.
/// </summary>
public sealed class WebhookFixture : CampaignDialingFixture
{
    protected override IEnumerable<string> ExtraArguments =>
    [
        .. base.ExtraArguments,
        "--Webhooks:InitialBackoff", "00:00:00.200",
        "--Webhooks:MaxBackoff", "00:00:01",
        "--Webhooks:MaxAttempts", "5",
        "--Webhooks:Timeout", "00:00:01",
        // Well past a delivery's five attempts (at most 0.2 + 0.4 + 0.8 + 1 s of backoff, stretched on a busy machine): an
        // endpoint failing once must be dead-lettered before it counts as failing too long and is disabled (at 1.5 s a
        // loaded CI run disabled it after four attempts, and the fifth never came).
        "--Webhooks:DisableAfter", "00:00:06",
    ];
}

[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<WebhookFixture>
{
    public const string Name = "webhook host";
}

public static class WebhookTestSupport
{
    public static async Task<(string Id, string Secret)> RegisterAsync(this HttpClient admin, Uri url, params string[] eventTypes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks") { Content = JsonContent.Create(new { url = url.ToString(), description = "test receiver", eventTypes }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var response = await admin.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var issued = await response.ReadJsonAsync();
        return (issued.GetProperty("endpoint").GetProperty("id").GetString()!, issued.GetProperty("secret").GetString()!);
    }

    public static async Task<IReadOnlyList<JsonElement>> DeliveriesAsync(this HttpClient admin, string endpoint, string query = "")
    {
        var page = await (await admin.GetAsync($"api/webhooks/{endpoint}/deliveries?limit=200{query}")).ReadJsonAsync();
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    public static async Task<JsonElement> EndpointAsync(this HttpClient admin, string endpoint) =>
        await (await admin.GetAsync($"api/webhooks/{endpoint}")).ReadJsonAsync();

    /// <summary>Reads until <paramref name="done"/> holds; polling the API, which is what a tenant's dashboard does.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        T last = default!;
        while (!timeout.IsCancellationRequested)
        {
            last = await read();
            if (done(last)) return last;
            await Task.Delay(50);
        }
        Assert.Fail($"Not reached in {patience}; last: {last}");
        return last;
    }
}
