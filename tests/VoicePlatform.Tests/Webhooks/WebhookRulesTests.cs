using System.Net;
using Microsoft.Extensions.Options;
using VoicePlatform.Grains.Webhooks;
using VoicePlatform.Webhooks;

namespace VoicePlatform.Tests.Webhooks;

/// <summary>The plain parts of outbound webhooks: signatures, the retry schedule, and where a webhook may go.</summary>
public sealed class WebhookRulesTests
{
    [Fact]
    public void ASignatureVerifiesWithItsSecretOnlyAndCoversIdTimestampAndBody()
    {
        var (secret, other) = (WebhookSecrets.Create(), WebhookSecrets.Create());
        var header = WebhookSigner.Signature([secret], "evt_1", 1_764_000_000, """{"a":1}""");
        Assert.StartsWith("v1,", header);
        Assert.True(WebhookSigner.Verify(secret, "evt_1", "1764000000", """{"a":1}""", header));
        Assert.False(WebhookSigner.Verify(other, "evt_1", "1764000000", """{"a":1}""", header));
        Assert.False(WebhookSigner.Verify(secret, "evt_2", "1764000000", """{"a":1}""", header));
        Assert.False(WebhookSigner.Verify(secret, "evt_1", "1764000001", """{"a":1}""", header));
        Assert.False(WebhookSigner.Verify(secret, "evt_1", "1764000000", """{"a":2}""", header));
        // During a rotation both secrets sign; either alone verifies.
        var both = WebhookSigner.Signature([secret, other], "evt_1", 1_764_000_000, "{}");
        Assert.True(WebhookSigner.Verify(secret, "evt_1", "1764000000", "{}", both) && WebhookSigner.Verify(other, "evt_1", "1764000000", "{}", both));
    }

    [Fact]
    public void RetriesBackOffExponentiallyWithJitterUpToTheCapThenStop()
    {
        var options = new WebhookDeliveryOptions { InitialBackoff = TimeSpan.FromSeconds(5), MaxBackoff = TimeSpan.FromMinutes(1), MaxAttempts = 6 };
        var low = new RetrySchedule(options, () => 0);
        var high = new RetrySchedule(options, () => 0.999999);
        Assert.Equal([2.5, 5, 10, 20, 30], Enumerable.Range(1, 5).Select(n => Math.Round(low.Delay(n).TotalSeconds, 3)));
        Assert.Equal([5, 10, 20, 40, 60], Enumerable.Range(1, 5).Select(n => Math.Round(high.Delay(n).TotalSeconds)));
        var failedAt = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(failedAt.AddSeconds(2.5), low.NextAttemptAt(1, failedAt));
        Assert.Null(low.NextAttemptAt(6, failedAt));
    }

    [Theory]
    [InlineData("http://example.com/hook", "https URL")]
    [InlineData("https://10.0.0.1/hook", "private")]
    [InlineData("https://172.20.1.1/", "private")]
    [InlineData("https://192.168.1.10/", "private")]
    [InlineData("https://127.0.0.1/", "loopback")]
    [InlineData("https://localhost/", "loopback")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "private")]
    [InlineData("https://[fd00:ec2::254]/", "private")]
    [InlineData("https://[::1]/", "loopback")]
    [InlineData("https://[::ffff:10.0.0.1]/", "private")]
    [InlineData("https://100.100.100.200/", "private")]
    [InlineData("https://0.0.0.0/", "private")]
    [InlineData("https://u:p@example.com/", "user name")]
    public void ProductionTargetsMustBeHttpsAndPublic(string url, string why)
    {
        var policy = new WebhookTargetPolicy(new WebhookDeliveryOptions());
        Assert.Contains(why, policy.WhyNot(url));
    }

    [Fact]
    public void TheOperatorMayAllowItsOwnNetworks()
    {
        var policy = new WebhookTargetPolicy(new WebhookDeliveryOptions { AllowedNetworks = ["10.20.0.0/16", "::1"] });
        Assert.Null(policy.WhyNot("https://10.20.3.4/hook"));
        Assert.Null(policy.WhyNot("https://[::1]/hook"));
        Assert.NotNull(policy.WhyNot("https://10.21.0.1/hook"));
        Assert.Null(policy.WhyNot("https://hooks.example.com/in"));
        Assert.Null(new WebhookTargetPolicy(new WebhookDeliveryOptions()).WhyBlocked(IPAddress.Parse("93.184.216.34")));
        Assert.Contains("AllowedNetworks:0", string.Join(" ", new WebhookDeliveryOptions { AllowedNetworks = ["10.0.0.0/33"] }.Validate()));
    }

    [Fact]
    public async Task TheSenderChecksTheAddressANameResolvesToWhenItConnects()
    {
        // "localhost" passes no registration in production, but a public-looking name can resolve to loopback later (DNS
        // rebinding): the sender, not only the registration, must refuse. Sent straight to the sender to show that.
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = new WebhookSender(Options.Create(new WebhookDeliveryOptions { RequireHttps = false }));
        var target = new UriBuilder(receiver.Url) { Host = "localhost" }.Uri;
        var result = await sender.SendAsync(target, new Dictionary<string, string>(), "{}", CancellationToken.None);
        Assert.Equal(WebhookSendVerdict.Blocked, result.Verdict);
        Assert.Contains("loopback", result.Error);
        Assert.Empty(receiver.All);

        using var allowed = new WebhookSender(Options.Create(new WebhookDeliveryOptions { RequireHttps = false, AllowedNetworks = ["127.0.0.0/8", "::1"] }));
        Assert.Equal(WebhookSendVerdict.Delivered, (await allowed.SendAsync(target, new Dictionary<string, string>(), "{}", CancellationToken.None)).Verdict);
        Assert.Single(receiver.All);
    }

    [Fact]
    public void EndpointSettingsNameTheBadField()
    {
        var errors = WebhookEndpointRules.Validate(new WebhookEndpointSettings { Url = "https://x.example/", EventTypes = ["call.ended", "call.ended", "nope"] });
        Assert.Equal(["eventTypes[1]", "eventTypes[2]"], errors.Keys.Order());
        Assert.Contains("url", WebhookEndpointRules.Validate(new WebhookEndpointSettings { Url = "not a url" }).Keys);
    }
}
