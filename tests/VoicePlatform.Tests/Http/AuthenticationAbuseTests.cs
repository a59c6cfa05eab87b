using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoicePlatform.ApiKeys;
using VoicePlatform.Common;
using VoicePlatform.Silo.Security;

namespace VoicePlatform.Tests.Http;

/// <summary>Made-up key ids cost no grain; made-up secrets are slowed per address and per key and address.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class UnknownKeyIdsTests(ApiHostFixture host)
{
    [Fact]
    public async Task FiveHundredMadeUpKeyIdsAre401WithoutActivatingAGrain()
    {
        var management = host.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        async Task<int> KeyActivations() => (await management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains(".ApiKeyGrain,", StringComparison.Ordinal)).Sum(s => s.ActivationCount);

        // A real key works, and its id is the tagged kind.
        var tenant = await host.CreateTenantAsync("Tagged");
        using (var real = host.WithKey(tenant.AdminKey)) Assert.Equal(HttpStatusCode.OK, (await real.GetAsync("api/tenant")).StatusCode);
        var before = await KeyActivations();

        using var client = host.Anonymous();
        for (var i = 0; i < 500; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/tenant");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeyToken.New().ToString());
            var response = await client.SendAsync(request);
            var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("The API key is not valid.", problem.GetProperty("detail").GetString());
        }
        Assert.True(await KeyActivations() <= before, "made-up key ids activated api-key grains");
    }
}

/// <summary>A host with the production failure budgets (30 per address, 5 per key and address, a minute each).</summary>
public sealed class DefaultBudgetsHostFixture : ApiHostFixture
{
    protected override IEnumerable<string> ExtraArguments =>
    [
        "--Security:AuthenticationFailures:PerAddressLimit", "30",
        "--Security:AuthenticationFailures:PerKeyAndAddressLimit", "5",
    ];

    /// <summary>A client whose connections come from <paramref name="source"/> (any 127.x.y.z is this machine's loopback).</summary>
    public HttpClient From(string source, string key)
    {
        var client = new HttpClient(Handler(source)) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A handler whose connections come from <paramref name="source"/>, keeping cookies in <paramref name="cookies"/>.</summary>
    public static SocketsHttpHandler Handler(string source, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return handler;
    }
}

public sealed class AuthenticationFailureBudgetTests(DefaultBudgetsHostFixture host) : IClassFixture<DefaultBudgetsHostFixture>
{
    [Fact]
    public async Task WrongSecretsForARealKeyAreSlowedForThatAddressWhileTheKeyKeepsWorkingFromAnother()
    {
        var tenant = await host.CreateTenantAsync("Targeted");
        var wrong = tenant.AdminKey[..21] + new string('a', 52);
        using var attacker = host.From("127.0.0.11", wrong);
        for (var i = 0; i < 5; i++) await (await attacker.GetAsync("api/tenant")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        var throttled = await attacker.GetAsync("api/tenant");
        await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = throttled.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        // The owner, elsewhere, is not locked out.
        using var owner = host.From("127.0.0.12", tenant.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("api/tenant")).StatusCode);
    }

    [Fact]
    public async Task LiveKitsSignedWebhooksNeverCountAsFailedSignInsForTheirAddress()
    {
        var tenant = await host.CreateTenantAsync("Webhook neighbour");
        using var liveKit = host.From("127.0.0.31", "unused");
        for (var i = 0; i < 40; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/livekit/webhook") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/webhook+json") };
            // As LiveKit sends it: the JWT alone, no scheme (this one is not even valid, so the endpoint refuses it).
            request.Headers.TryAddWithoutValidation("Authorization", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl");
            var response = await liveKit.SendAsync(request);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
        // A client on the same address (the agent worker beside LiveKit, or anything in the all-in-one mode) still gets in.
        using var neighbour = host.From("127.0.0.31", tenant.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await neighbour.GetAsync("api/tenant")).StatusCode);
    }

    [Fact]
    public async Task WrongPasswordsForAPersonAreSlowedFromThatAddressWhileTheyStillSignInFromAnother()
    {
        var tenant = await host.CreateTenantAsync("Passwords");
        var email = $"pat-{Guid.NewGuid():N}@passwords.example";
        var token = await VoicePlatform.Tests.Users.ConsoleUsers.InviteAsync(host, tenant.AdminKey, email, "supervisor");
        using (var owner = new VoicePlatform.Tests.Users.ConsoleSession(host.BaseAddress, DefaultBudgetsHostFixture.Handler("127.0.0.41", new CookieContainer())))
            Assert.True((await owner.AcceptAsync(token, "Pat", VoicePlatform.Tests.Users.ConsoleUsers.Password)).IsSuccessStatusCode);

        using var guesser = new VoicePlatform.Tests.Users.ConsoleSession(host.BaseAddress, DefaultBudgetsHostFixture.Handler("127.0.0.42", new CookieContainer()));
        for (var i = 0; i < 5; i++) await (await guesser.SignInAsync(email, $"guess number {i} of many")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        // Spent: from there even the right password waits (no oracle), and says how long.
        var throttled = await guesser.SignInAsync(email, VoicePlatform.Tests.Users.ConsoleUsers.Password);
        await throttled.AssertFieldErrorAsync("password", HttpStatusCode.TooManyRequests);
        Assert.NotNull(throttled.Headers.RetryAfter?.Delta);

        // No lockout: the person, elsewhere, signs in at once.
        using var elsewhere = new VoicePlatform.Tests.Users.ConsoleSession(host.BaseAddress, DefaultBudgetsHostFixture.Handler("127.0.0.43", new CookieContainer()));
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.SignInAsync(email, VoicePlatform.Tests.Users.ConsoleUsers.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("api/session")).StatusCode);
    }

    [Fact]
    public async Task GuessingFromOneAddressIsSlowedAfterItsBudget()
    {
        var tenant = await host.CreateTenantAsync("Bystander");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            using var guesser = host.From("127.0.0.21", ApiKeyToken.New().ToString());
            statuses.Add((await guesser.GetAsync("api/tenant")).StatusCode);
        }
        Assert.All(statuses.Take(30), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[30]);
        // Another address is not affected.
        using var other = host.From("127.0.0.22", tenant.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("api/tenant")).StatusCode);
    }
}

/// <summary>The limiter's windows, on a fake clock.</summary>
public sealed class AuthenticationFailureLimiterTests
{
    [Fact]
    public void ABudgetIsSpentWithinAWindowAndRenewedAfterIt()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z"));
        var limiter = new AuthenticationFailureLimiter(Options.Create(new AuthenticationFailureOptions { PerAddressLimit = 3, PerKeyAndAddressLimit = 2 }), clock);
        var address = IPAddress.Parse("203.0.113.7");

        limiter.RecordFailure(address, "key_a");
        Assert.Null(limiter.RetryAfter(address, "key_a"));
        limiter.RecordFailure(address, "key_a");
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(40), limiter.RetryAfter(address, "key_a"));
        // Another key from the same address still has the address's budget left…
        Assert.Null(limiter.RetryAfter(address, "key_b"));
        limiter.RecordFailure(address, "key_b");
        // …until the address's own budget is spent, for every key.
        Assert.NotNull(limiter.RetryAfter(address, "key_c"));
        Assert.Null(limiter.RetryAfter(IPAddress.Parse("203.0.113.8"), "key_a"));

        clock.Advance(TimeSpan.FromSeconds(41));
        Assert.Null(limiter.RetryAfter(address, "key_a"));
    }

    [Fact]
    public void OnlyIdsTaggedWithThePlatformsKeyPass()
    {
        var key = new byte[32];
        key[0] = 7;
        var tagged = ApiKeyIdTag.NewTagged(key);
        Assert.True(ApiKeyIdTag.HasValidTag(tagged, key));
        Assert.False(ApiKeyIdTag.HasValidTag(tagged, new byte[32]));
        // Of many made-up ids, essentially none passes (the odds are one in a million each).
        var passing = Enumerable.Range(0, 10_000).Count(_ => ApiKeyIdTag.HasValidTag(ApiKeyId.New(), key));
        Assert.True(passing <= 1, $"{passing} random ids passed the tag check");
    }
}
