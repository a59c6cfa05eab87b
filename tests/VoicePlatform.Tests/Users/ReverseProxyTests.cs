using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Users;

/// <summary>A host behind a reverse proxy that ends TLS: the proxy at 127.0.0.2 is trusted, nothing else is.</summary>
public sealed class ReverseProxyHostFixture : ApiHostFixture
{
    public const string Proxy = "127.0.0.2";

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--ReverseProxy:TrustedProxies:0", Proxy,
        "--Security:AuthenticationFailures:PerAddressLimit", "30",
        "--Security:AuthenticationFailures:PerKeyAndAddressLimit", "5",
    ];
}

/// <summary>
/// Behind a proxy that ends TLS, the console's session works as it does over HTTPS directly: the cookie is Secure, the
/// CSRF Origin check compares the public host, and failed sign-ins are counted per person's address rather than the
/// proxy's (one guesser does not lock everyone out). The same headers from anyone but the trusted proxy change nothing.
/// </summary>
public sealed class ReverseProxyTests(ReverseProxyHostFixture host) : IClassFixture<ReverseProxyHostFixture>
{
    private const string PublicHost = "console.agency.example";

    /// <summary>A browser reaching the host through <paramref name="source"/>, which says the browser is at <paramref name="client"/>.</summary>
    private sealed class Browser(ApiHostFixture host, string source, string client) : IDisposable
    {
        private readonly HttpClient _http = new(DefaultBudgetsHostFixture.Handler(source)) { BaseAddress = host.BaseAddress };
        private string? _cookie;
        private string? _csrf;

        public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? origin = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = JsonContent.Create(body);
            request.Headers.Add("X-Forwarded-For", client);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", PublicHost);
            // The cookie is Secure: a real browser sends it back over https, which is what the proxy received.
            if (_cookie is not null) request.Headers.Add("Cookie", _cookie);
            if (_csrf is not null) request.Headers.Add("X-CSRF-Token", _csrf);
            if (origin is not null) request.Headers.Add("Origin", origin);
            var response = await _http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            if (response.IsSuccessStatusCode && response.Headers.TryGetValues("Set-Cookie", out var cookies)
                && cookies.FirstOrDefault(c => c.StartsWith("vp_session=", StringComparison.Ordinal)) is { } session)
            {
                SessionSetCookie = session;
                _cookie = session.Split(';')[0];
                _csrf = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("csrfToken").GetString();
            }
            return response;
        }

        public string? SessionSetCookie { get; private set; }

        public void Dispose() => _http.Dispose();
    }

    [Fact]
    public async Task ThroughTheTrustedProxyTheSessionCookieIsSecureAndTheOriginCheckSeesThePublicHost()
    {
        var tenant = await host.CreateTenantAsync("Proxy Agency");
        var email = $"ada-{Guid.NewGuid():N}@agency.example";
        var token = await ConsoleUsers.InviteAsync(host, tenant.AdminKey, email, "tenant-admin");

        using var browser = new Browser(host, ReverseProxyHostFixture.Proxy, "203.0.113.7");
        var accepted = await browser.SendAsync(HttpMethod.Post, "api/invitations/accept", new { token, displayName = "Ada", password = ConsoleUsers.Password });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("secure", browser.SessionSetCookie!, StringComparison.OrdinalIgnoreCase);

        // The page is https://console.agency.example; this host listens on plain loopback: still the same site.
        var created = await browser.SendAsync(HttpMethod.Post, "api/brands", new { companyName = "Proxy Dental" }, origin: $"https://{PublicHost}");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var forged = await browser.SendAsync(HttpMethod.Post, "api/brands", new { companyName = "Evil Dental" }, origin: "https://evil.example");
        await forged.AssertProblemAsync(HttpStatusCode.Forbidden);

        // The same headers from a machine that is not the proxy are not believed: plain http, no Secure cookie.
        using var direct = new Browser(host, "127.0.0.1", "203.0.113.9");
        var signedIn = await direct.SendAsync(HttpMethod.Post, "api/session", new { email, password = ConsoleUsers.Password });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.DoesNotContain("secure", direct.SessionSetCookie!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FailedSignInsAreCountedPerForwardedClientNotPerProxy()
    {
        var tenant = await host.CreateTenantAsync("Throttle Agency");
        var email = $"bo-{Guid.NewGuid():N}@agency.example";
        var token = await ConsoleUsers.InviteAsync(host, tenant.AdminKey, email, "tenant-admin");
        using (var first = new Browser(host, ReverseProxyHostFixture.Proxy, "198.51.100.1"))
            Assert.Equal(HttpStatusCode.OK, (await first.SendAsync(HttpMethod.Post, "api/invitations/accept", new { token, displayName = "Bo", password = ConsoleUsers.Password })).StatusCode);

        using var guesser = new Browser(host, ReverseProxyHostFixture.Proxy, "198.51.100.66");
        for (var i = 0; i < 5; i++)
            await (await guesser.SendAsync(HttpMethod.Post, "api/session", new { email, password = $"guess number {i} of many" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await guesser.SendAsync(HttpMethod.Post, "api/session", new { email, password = ConsoleUsers.Password })).AssertProblemAsync(HttpStatusCode.TooManyRequests);

        // The owner comes through the same proxy from their own address and signs in.
        using var owner = new Browser(host, ReverseProxyHostFixture.Proxy, "198.51.100.2");
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(HttpMethod.Post, "api/session", new { email, password = ConsoleUsers.Password })).StatusCode);
    }
}
