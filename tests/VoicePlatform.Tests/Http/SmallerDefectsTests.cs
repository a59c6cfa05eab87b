using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Telephony;

namespace VoicePlatform.Tests.Http;

/// <summary>The smaller defects found by probing every route: each answers as a client should expect.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class SmallerDefectsTests(ApiHostFixture host)
{
    [Fact]
    public async Task AnotherTenantsFromNumberIdIsA400NamingItAndNoCallIsStored()
    {
        var owner = await host.CreateTenantAsync("Number owner");
        using var ownerAdmin = host.WithKey(owner.AdminKey);
        var theirs = await ownerAdmin.CreateNumberAsync(new { number = TestNumbers.Next() });

        var tenant = await host.CreateTenantAsync("Caller");
        using var admin = host.WithKey(tenant.AdminKey);
        var agent = await host.CreateAgentAsync(tenant.Id, VoicePlatform.Agents.AgentStatus.Active);
        var response = await admin.PostAsJsonAsync("api/calls", new { agentId = agent, to = "+15125550123", fromNumberId = theirs });
        await response.AssertFieldErrorAsync("fromNumberId");
        Assert.Equal(0, await admin.CountAsync("api/calls"));
    }

    [Theory]
    [InlineData("USD", "9223372036854775808")]
    [InlineData("USD", "1000000000.01")]
    [InlineData("USD", "-1")]
    [InlineData("USD", "1.555")]
    [InlineData("JPY", "1.5")]
    public async Task ALowBalanceThresholdOutsideItsRangeOrFinerThanTheCurrencyIsRefused(string currency, string threshold)
    {
        using var op = host.AsOperator();
        var body = "{\"name\":\"Threshold\",\"settings\":{\"currency\":\"" + currency + "\",\"lowBalanceThreshold\":" + threshold + "}}";
        var response = await op.PostAsync("api/operator/tenants", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.AssertFieldErrorAsync("settings.lowBalanceThreshold");
        Assert.Contains("1,000,000,000", problem.GetRawText());
    }

    [Fact]
    public async Task ARouteThatTakesNoBodyRefusesOneAndChangesNothing()
    {
        var tenant = await host.TenantWithCallerIdAsync();
        var call = await CallTestSupport.PlaceAsync(tenant, "+15125550123");
        // A body small enough to sit in the socket's send buffer: the route refuses any body before reading it, and Kestrel
        // may close the connection at once, so a larger upload could meet a reset before the client reads the 413.
        var body = new ByteArrayContent(new byte[16 * 1024]);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        var refused = await tenant.Admin.PostAsync($"api/calls/{CallTestSupport.Id(call)}/hangup", body);
        await refused.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        // On a new connection: Kestrel may close the one whose body it refused, and a pooled client could send the
        // next request down it just as it closes.
        using var fresh = host.WithKey(tenant.Admin.DefaultRequestHeaders.Authorization!.Parameter!);
        var small = await fresh.PostAsync($"api/calls/{CallTestSupport.Id(call)}/hangup", new StringContent("{}", Encoding.UTF8, "application/json"));
        await small.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.NotEqual("ended", (await CallTestSupport.GetAsync(tenant, CallTestSupport.Id(call))).GetProperty("status").GetString());
        Assert.True((await fresh.PostAsync($"api/calls/{CallTestSupport.Id(call)}/hangup", null)).IsSuccessStatusCode);
    }
}

/// <summary>Requests failing because the cluster is changing, on the middleware alone.</summary>
public sealed class TransientClusterFailuresTests
{
    private sealed class PlainProblems : Microsoft.AspNetCore.Http.IProblemDetailsService
    {
        public ValueTask WriteAsync(ProblemDetailsContext context) =>
            new(context.HttpContext.Response.WriteAsJsonAsync(context.ProblemDetails));
    }

    private static DefaultHttpContext Context(string method)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Response.Body = new MemoryStream();
        return context;
    }

    [Fact]
    public async Task AReadIsRetriedOnceAndThenAnswers503WithRetryAfter()
    {
        var attempts = 0;
        var once = new TransientClusterFailures(_ => ++attempts == 1 ? throw new SiloUnavailableException("gone") : Task.CompletedTask,
            new PlainProblems(), NullLogger<TransientClusterFailures>.Instance);
        var context = Context("GET");
        await once.InvokeAsync(context);
        Assert.Equal((2, 200), (attempts, context.Response.StatusCode));

        attempts = 0;
        var always = new TransientClusterFailures(_ => { attempts++; throw new TimeoutException("slow"); }, new PlainProblems(), NullLogger<TransientClusterFailures>.Instance);
        context = Context("GET");
        await always.InvokeAsync(context);
        Assert.Equal((2, 503), (attempts, context.Response.StatusCode));
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task AWriteIsNotRepeatedAndSaysItsOutcomeIsUnknown()
    {
        var attempts = 0;
        var middleware = new TransientClusterFailures(_ => { attempts++; throw new SiloUnavailableException("rejected"); }, new PlainProblems(), NullLogger<TransientClusterFailures>.Instance);
        var context = Context("POST");
        await middleware.InvokeAsync(context);
        Assert.Equal((1, 503), (attempts, context.Response.StatusCode));
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Contains("Idempotency-Key", text);
        Assert.Contains("may or may not", text);
        // Anything that is not the cluster changing is not this middleware's business.
        var broken = new TransientClusterFailures(_ => throw new InvalidOperationException("bug"), new PlainProblems(), NullLogger<TransientClusterFailures>.Instance);
        await Assert.ThrowsAsync<InvalidOperationException>(() => broken.InvokeAsync(Context("GET")));
    }
}
