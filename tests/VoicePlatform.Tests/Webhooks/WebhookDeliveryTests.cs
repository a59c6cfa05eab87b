using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Campaigns;
using VoicePlatform.Tests.Http;

using static VoicePlatform.Tests.Campaigns.CampaignTestSupport;
using static VoicePlatform.Tests.Webhooks.WebhookTestSupport;

namespace VoicePlatform.Tests.Webhooks;

/// <summary>
/// A tenant's endpoints receive what happens — a campaign's calls, its leads, the campaign itself, money — signed, each
/// event once per endpoint under one id; a failing receiver is retried with backoff, then dead-lettered, and can be
/// redelivered by hand; one failing too long is disabled and the tenant's other endpoints are told.
/// </summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookDeliveryTests(WebhookFixture host)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ACampaignsCallsLeadsAndMoneyReachTheEndpointSignedOnceEachUnderTheirIds()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 1_000_000);
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpoint, secret) = await tenant.Admin.RegisterAsync(receiver.Url);
        // Another endpoint wanting only campaign events gets those and nothing else.
        await using var campaignsOnly = await WebhookReceiver.StartAsync();
        await tenant.Admin.RegisterAsync(campaignsOnly.Url, "campaign.started", "campaign.completed");

        var campaign = await tenant.CreateCampaignAsync(maxConcurrent: 2);
        var phones = Enumerable.Range(0, 2).Select(i => $"+1212{400 + i}{CampaignDialingFixture.Answers}").ToList();
        await tenant.ImportAsync(campaign, phones);
        await tenant.CommandAsync(campaign, "start");
        await tenant.WaitForCampaignAsync(campaign, c => c.Status() == "completed");
        await host.TopUpAsync(tenant.Id, 5_000);

        var received = await receiver.WaitForAsync(all =>
            all.Count(w => w.Type == "call.ended") == 2 && all.Count(w => w.Type == "lead.completed") == 2
            && all.Any(w => w.Type == "campaign.completed") && all.Any(w => w.Type == "wallet.credited"), Soon);

        Assert.All(received, w => Assert.True(Verifies(secret, w), $"signature of {w.Type} does not verify"));
        Assert.All(received, w => Assert.Equal(w.Id, w.Json.GetProperty("id").GetString()));
        Assert.Equal(received.Count, received.Select(w => w.Id).Distinct().Count());
        Assert.All(received, w => Assert.Equal(tenant.Id, w.Json.GetProperty("tenantId").GetString()));
        Assert.All(received, w => Assert.Equal("durable", w.Json.GetProperty("sourceEpoch").GetString()));
        Assert.Equal(1, received.Count(w => w.Type == "campaign.started"));
        Assert.Equal(2, received.Count(w => w.Type == "call.started"));
        Assert.Equal(2, received.Count(w => w.Type == "call.answered"));

        // A call's events carry its source sequence: started 1, answered 2, ended 3 — the order to apply them in.
        foreach (var call in received.Where(w => w.Type == "call.ended"))
        {
            var callId = call.Json.GetProperty("sourceId").GetString();
            var mine = received.Where(w => w.Json.GetProperty("sourceId").GetString() == callId).OrderBy(w => w.Json.GetProperty("sequence").GetInt64()).ToList();
            Assert.Equal(["call.started", "call.answered", "call.ended"], mine.Select(w => w.Type));
            Assert.True(call.Payload.GetProperty("cost").GetProperty("settled").GetBoolean());
            var cost = call.Payload.GetProperty("cost");
            Assert.True(cost.GetProperty("billedSeconds").GetInt64() > 0, call.Body);
            Assert.Equal(cost.GetProperty("cost").GetProperty("components").EnumerateArray().Sum(c => c.GetProperty("amount").GetInt64()),
                cost.GetProperty("cost").GetProperty("total").GetInt64());
            Assert.Equal("ended", call.Payload.GetProperty("call").GetProperty("status").GetString());
        }
        var completed = received.Single(w => w.Type == "campaign.completed");
        Assert.Equal(campaign, completed.Json.GetProperty("sourceId").GetString());
        Assert.Equal("completed", completed.Payload.GetProperty("reason").GetString());
        var lead = received.First(w => w.Type == "lead.completed").Payload.GetProperty("lead");
        Assert.Equal("completed", lead.GetProperty("status").GetString());
        var credit = received.Single(w => w.Type == "wallet.credited").Payload;
        Assert.Equal(5_000, credit.GetProperty("credit").GetProperty("amount").GetInt64());
        Assert.Equal("top-up", credit.GetProperty("credit").GetProperty("kind").GetString());

        var filtered = await campaignsOnly.WaitForAsync(all => all.Any(w => w.Type == "campaign.completed"), Soon);
        Assert.Equal(["campaign.started", "campaign.completed"], filtered.Select(w => w.Type).Order().Reverse());

        // The delivery log has each of them, delivered on the first attempt, and one can be read back with its body.
        var log = await EventuallyAsync(() => tenant.Admin.DeliveriesAsync(endpoint), l => l.Count == received.Count && l.All(d => d.GetProperty("status").GetString() == "delivered"), Soon);
        Assert.All(log, d => Assert.Equal(1, d.GetProperty("attempts").GetInt32()));
        var one = await (await tenant.Admin.GetAsync($"api/webhooks/{endpoint}/deliveries/{log[0].GetProperty("id").GetString()}")).ReadJsonAsync();
        Assert.Equal(200, one.GetProperty("attemptLog")[0].GetProperty("statusCode").GetInt32());
        Assert.Contains(received, w => w.Body == one.GetProperty("body").GetString());
    }

    [Fact]
    public async Task AFailingReceiverIsRetriedWithBackoffThenDeadLetteredAndARedeliveryCarriesTheSameId()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 0);
        await using var flaky = await WebhookReceiver.StartAsync();
        await using var down = await WebhookReceiver.StartAsync();
        var failures = 0;
        flaky.Answer = _ => Interlocked.Increment(ref failures) <= 2 ? 500 : 204;
        down.Answer = _ => 503;
        var (flakyEndpoint, _) = await tenant.Admin.RegisterAsync(flaky.Url, "wallet.credited");
        var (downEndpoint, _) = await tenant.Admin.RegisterAsync(down.Url, "wallet.credited");

        await host.TopUpAsync(tenant.Id, 1_000);

        // Two failures, then delivered on the third attempt, each later than the one before by at least half the backoff.
        var attempts = await flaky.WaitForAsync(all => all.Count == 3, Soon);
        Assert.Single(attempts.Select(a => a.Id).Distinct());
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromMilliseconds(90), $"{attempts[1].At - attempts[0].At}");
        var delivered = await EventuallyAsync(() => tenant.Admin.DeliveriesAsync(flakyEndpoint), l => l.Count == 1 && l[0].GetProperty("status").GetString() == "delivered", Soon);
        Assert.Equal(3, delivered[0].GetProperty("attempts").GetInt32());

        // The one that never answers 2xx is dead-lettered after five attempts, and the log says what each attempt got.
        var dead = await EventuallyAsync(() => tenant.Admin.DeliveriesAsync(downEndpoint, "&status=dead"), l => l.Count == 1, Soon);
        var deliveryId = dead[0].GetProperty("id").GetString()!;
        var detail = await (await tenant.Admin.GetAsync($"api/webhooks/{downEndpoint}/deliveries/{deliveryId}")).ReadJsonAsync();
        Assert.Equal(5, detail.GetProperty("attemptLog").GetArrayLength());
        Assert.All(detail.GetProperty("attemptLog").EnumerateArray(), a => Assert.Equal(503, a.GetProperty("statusCode").GetInt32()));
        Assert.Equal(5, down.All.Count);

        // Fixed, and redelivered by hand: delivered, with the same event id the failed attempts carried.
        down.Answer = _ => 200;
        var redelivered = await tenant.Admin.PostAsync($"api/webhooks/{downEndpoint}/deliveries/{deliveryId}/redeliver", null);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        var after = await redelivered.ReadJsonAsync();
        Assert.Equal("delivered", after.GetProperty("status").GetString());
        Assert.True(after.GetProperty("attemptLog")[5].GetProperty("manual").GetBoolean());
        Assert.Equal(6, down.All.Count);
        Assert.Single(down.All.Select(w => w.Id).Distinct());
    }

    [Fact]
    public async Task AHangingReceiverTimesOutAndAnEndpointFailingTooLongIsDisabledWithANoticeToTheOthers()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 0);
        await using var hanging = await WebhookReceiver.StartAsync();
        await using var watcher = await WebhookReceiver.StartAsync();
        hanging.Answer = _ => null;
        var (hangingEndpoint, _) = await tenant.Admin.RegisterAsync(hanging.Url, "wallet.credited");
        await tenant.Admin.RegisterAsync(watcher.Url, "webhook.disabled");

        // Money keeps arriving; every delivery hangs past the one-second timeout, so the endpoint fails for longer than its 6 s.
        var disabled = await EventuallyAsync(async () =>
        {
            await host.TopUpAsync(tenant.Id, 100);
            return await tenant.Admin.EndpointAsync(hangingEndpoint);
        }, e => e.GetProperty("status").GetString() == "disabled", Soon);
        Assert.Contains("failed", disabled.GetProperty("statusReason").GetString());

        var log = await tenant.Admin.DeliveriesAsync(hangingEndpoint);
        var attempt = (await (await tenant.Admin.GetAsync($"api/webhooks/{hangingEndpoint}/deliveries/{log[^1].GetProperty("id").GetString()}")).ReadJsonAsync())
            .GetProperty("attemptLog")[0];
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("statusCode").ValueKind);
        Assert.Contains("No answer within", attempt.GetProperty("error").GetString());

        var notice = (await watcher.WaitForAsync(all => all.Any(w => w.Type == "webhook.disabled"), Soon)).Single(w => w.Type == "webhook.disabled");
        Assert.Equal(hangingEndpoint, notice.Payload.GetProperty("endpointId").GetString());

        // Fixed and enabled again: what waited goes out, and nothing is sent while disabled.
        var before = hanging.All.Count;
        hanging.Answer = _ => 200;
        Assert.Equal(HttpStatusCode.OK, (await tenant.Admin.PostAsync($"api/webhooks/{hangingEndpoint}/enable", null)).StatusCode);
        await EventuallyAsync(() => tenant.Admin.DeliveriesAsync(hangingEndpoint, "&status=pending"), l => l.Count == 0, Soon);
        Assert.True(hanging.All.Count > before);
        Assert.Equal(JsonValueKind.Null, (await tenant.Admin.EndpointAsync(hangingEndpoint)).GetProperty("failingSince").ValueKind);
    }

    [Fact]
    public async Task ARotatedSecretSignsBesideThePreviousOneUntilTheOverlapEnds()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 0);
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpoint, first) = await tenant.Admin.RegisterAsync(receiver.Url, "wallet.credited");

        var rotated = await (await tenant.Admin.PostAsJsonAsync($"api/webhooks/{endpoint}/rotate-secret", new { overlapSeconds = 3600 })).ReadJsonAsync();
        var second = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(first, second);
        Assert.True(rotated.GetProperty("endpoint").GetProperty("previousSecretExpiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(59));
        await host.TopUpAsync(tenant.Id, 100);
        var during = (await receiver.WaitForAsync(all => all.Count == 1, Soon))[0];
        Assert.Equal(2, during.Signature.Split(' ').Length);
        Assert.True(Verifies(first, during) && Verifies(second, during));

        var third = (await (await tenant.Admin.PostAsJsonAsync($"api/webhooks/{endpoint}/rotate-secret", new { overlapSeconds = 0 })).ReadJsonAsync()).GetProperty("secret").GetString()!;
        await host.TopUpAsync(tenant.Id, 100);
        var afterwards = (await receiver.WaitForAsync(all => all.Count == 2, Soon))[1];
        Assert.Single(afterwards.Signature.Split(' '));
        Assert.True(Verifies(third, afterwards));
        Assert.False(Verifies(second, afterwards));

        // The secret is never shown again: not on the endpoint, not in its list.
        var shown = await (await tenant.Admin.GetAsync($"api/webhooks/{endpoint}")).Content.ReadAsStringAsync();
        var listed = await (await tenant.Admin.GetAsync("api/webhooks")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(third, shown);
        Assert.DoesNotContain(third, listed);
    }

    [Fact]
    public async Task BadEndpointsAreRefusedNamingTheFieldAndAnotherTenantSeesNothing()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 0);
        async Task<JsonElement> Refused(object body)
        {
            var response = await tenant.Admin.PostAsJsonAsync("api/webhooks", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.ReadJsonAsync()).GetProperty("errors");
        }
        Assert.True((await Refused(new { url = "" })).TryGetProperty("url", out _));
        Assert.True((await Refused(new { url = "ftp://example.com/x" })).TryGetProperty("url", out _));
        Assert.True((await Refused(new { url = "https://example.com/x", eventTypes = new[] { "call.exploded" } })).TryGetProperty("eventTypes[0]", out _));
        // Private, link-local (the cloud metadata address) and carrier-grade NAT targets, even in development.
        Assert.Contains("private", (await Refused(new { url = "http://10.1.2.3/hook" })).GetProperty("url")[0].GetString());
        Assert.True((await Refused(new { url = "http://169.254.169.254/latest/meta-data" })).TryGetProperty("url", out _));
        Assert.True((await Refused(new { url = "http://[fd00:ec2::254]/" })).TryGetProperty("url", out _));
        Assert.True((await Refused(new { url = "http://100.64.0.1/" })).TryGetProperty("url", out _));
        Assert.True((await Refused(new { url = "https://user:pw@example.com/" })).TryGetProperty("url", out _));
        Assert.Empty((await (await tenant.Admin.GetAsync("api/webhooks")).ReadJsonAsync()).GetProperty("items").EnumerateArray());

        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpoint, _) = await tenant.Admin.RegisterAsync(receiver.Url);
        var other = await host.TenantWithCallerIdAsync(openingBalance: 0);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.GetAsync($"api/webhooks/{endpoint}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.GetAsync($"api/webhooks/{endpoint}/deliveries")).StatusCode);
        Assert.Empty((await (await other.Admin.GetAsync("api/webhooks")).ReadJsonAsync()).GetProperty("items").EnumerateArray());
        // Another tenant's money never reaches this tenant's endpoint.
        await host.TopUpAsync(other.Id, 100);
        using var supervisor = host.WithKey(await host.IssueKeyAsync(tenant.Id, "floor", "supervisor"));
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("api/webhooks")).StatusCode);

        // Updates are conditional on the ETag; a stale one changes nothing.
        var put = new HttpRequestMessage(HttpMethod.Put, $"api/webhooks/{endpoint}") { Content = JsonContent.Create(new { url = receiver.Url.ToString(), eventTypes = new[] { "call.ended" } }) };
        put.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await tenant.Admin.SendAsync(put)).StatusCode);
        await host.TopUpAsync(tenant.Id, 100);
        await receiver.WaitForAsync(all => all.Any(w => w.Type == "wallet.credited"), Soon);
        Assert.All(receiver.All, w => Assert.Equal(tenant.Id, w.Json.GetProperty("tenantId").GetString()));
    }

    /// <summary>The README's recipe, written out independently of the platform's signer.</summary>
    private static bool Verifies(string secret, ReceivedWebhook webhook)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.{webhook.Body}")));
        return webhook.Signature.Split(' ').Any(s => s == "v1," + expected);
    }
}
