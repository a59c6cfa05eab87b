using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Infrastructure;

using static VoicePlatform.Tests.Webhooks.WebhookTestSupport;

namespace VoicePlatform.Tests.Webhooks;

/// <summary>
/// A receiver a tenant's engineer writes from the README's recipe, in Node with its own crypto module
/// (<c>tests/webhook-receiver-check/receiver.mjs</c>): it verifies the platform's signatures and turns away a forged one.
/// </summary>
[Collection(WebhookCollection.Name)]
public sealed class NodeReceiverRecipeTests(WebhookFixture host)
{
    [Fact]
    public async Task ANodeReceiverWrittenFromTheRecipeVerifiesEveryDeliveryAndRefusesAForgery()
    {
        var tenant = await host.TenantWithCallerIdAsync(openingBalance: 0);
        // As a tenant does it: register (the secret is issued then), deploy the receiver with the secret, and point the
        // endpoint at where it listens.
        using var node = new Process
        {
            StartInfo = new ProcessStartInfo("node")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(RepositoryFiles.Path("tests/webhook-receiver-check/receiver.mjs"))!,
            },
        };
        var (endpoint, secret) = await tenant.Admin.RegisterAsync(new Uri("http://127.0.0.1:9/placeholder"), "wallet.credited");
        node.StartInfo.ArgumentList.Add("receiver.mjs");
        node.StartInfo.ArgumentList.Add(secret);
        node.StartInfo.ArgumentList.Add("2");
        Assert.True(node.Start(), "node could not be started");
        try
        {
            var first = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            // stderr is read only when failing: reading it to its end waits for node to exit.
            if (first?.StartsWith("LISTENING ", StringComparison.Ordinal) != true)
            {
                node.Kill();
                Assert.Fail($"node did not start listening: {first} {await node.StandardError.ReadToEndAsync()}");
            }
            var url = $"http://127.0.0.1:{first!["LISTENING ".Length..]}/webhooks";
            var put = new HttpRequestMessage(HttpMethod.Put, $"api/webhooks/{endpoint}")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { url, eventTypes = new[] { "wallet.credited" } }),
            };
            Assert.Equal(HttpStatusCode.OK, (await tenant.Admin.SendAsync(put)).StatusCode);

            // A forgery: a well-formed delivery signed with the wrong key.
            using var forger = new HttpClient();
            var body = """{"id":"evt_forged","type":"wallet.credited"}""";
            var forged = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            forged.Headers.Add("webhook-id", "evt_forged");
            forged.Headers.Add("webhook-timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString());
            forged.Headers.Add("webhook-signature", "v1," + Convert.ToBase64String(new byte[32]));
            Assert.Equal(HttpStatusCode.Unauthorized, (await forger.SendAsync(forged)).StatusCode);

            await host.TopUpAsync(tenant.Id, 100);
            await host.TopUpAsync(tenant.Id, 200);
            var summary = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            var results = JsonDocument.Parse(summary!).RootElement.EnumerateArray().ToList();
            Assert.False(results[0].GetProperty("verified").GetBoolean());
            var verified = results.Skip(1).ToList();
            Assert.Equal(2, verified.Count);
            Assert.All(verified, r => Assert.True(r.GetProperty("verified").GetBoolean()));
            Assert.All(verified, r => Assert.Equal("wallet.credited", r.GetProperty("type").GetString()));
            Assert.Equal(2, verified.Select(r => r.GetProperty("id").GetString()).Distinct().Count());

            var log = await EventuallyAsync(() => tenant.Admin.DeliveriesAsync(endpoint), l => l.Count == 2 && l.All(d => d.GetProperty("status").GetString() == "delivered"), TimeSpan.FromSeconds(30));
            Assert.All(log, d => Assert.Equal(204, d.GetProperty("lastStatusCode").GetInt32()));
        }
        finally
        {
            if (!node.HasExited) node.Kill(entireProcessTree: true);
        }
    }
}
