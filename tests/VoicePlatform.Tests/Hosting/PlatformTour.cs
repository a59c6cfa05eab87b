using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VoicePlatform.Tests.Branding;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Tests.Pricing;
using VoicePlatform.Tests.Telephony;

namespace VoicePlatform.Tests.Hosting;

/// <summary>
/// Writes the state of every stateful grain type through the real API — tenant and its directory, API keys, the
/// shared price book, tenant pricing, wallet, catalog, brand, persona, agent, trunk, number, telephony directory and
/// a settled call, an inbound reception line and a blocked caller — and reads all of it back as one snapshot, so a test can compare what the API answers before and
/// after the grains were deactivated or the cluster restarted.
/// </summary>
public sealed class PlatformTour
{
    private readonly Uri _baseAddress;
    private readonly string _operatorKey;

    private PlatformTour(Uri baseAddress, string operatorKey, string tenantId, string adminKey, string brandId, string personaId,
        string agentId, string trunkId, string numberId, string callId, string campaignId, string importId, string sessionCookie)
    {
        _baseAddress = baseAddress;
        _operatorKey = operatorKey;
        TenantId = tenantId;
        AdminKey = adminKey;
        BrandId = brandId;
        PersonaId = personaId;
        AgentId = agentId;
        TrunkId = trunkId;
        NumberId = numberId;
        CallId = callId;
        CampaignId = campaignId;
        ImportId = importId;
        SessionCookie = sessionCookie;
    }

    public string TenantId { get; }
    public string AdminKey { get; }
    public string BrandId { get; }
    public string PersonaId { get; }
    public string AgentId { get; }
    public string TrunkId { get; }
    public string NumberId { get; }
    public string CallId { get; }
    public string CampaignId { get; }
    public string ImportId { get; }
    /// <summary>A console user's session (an invited supervisor signed in): it must open the console after collection and restarts too.</summary>
    public string SessionCookie { get; }

    /// <summary>
    /// Seeds one tenant with one of everything. <paramref name="liveKitTrunkId"/> is a trunk the host's LiveKit knows;
    /// the call is placed to <paramref name="callee"/>, which that LiveKit must end on its own (busy, for example),
    /// and the tour waits until the call is settled so nothing changes while the snapshot is taken.
    /// </summary>
    public static async Task<PlatformTour> SeedAsync(Uri baseAddress, string operatorKey, string liveKitTrunkId, string callerId, string callee)
    {
        using var op = Client(baseAddress, operatorKey);
        // The shared price book: version 1 if the host has none yet, otherwise whatever is in force stays.
        var book = await op.GetAsync("api/operator/price-books/USD");
        if (book.StatusCode == HttpStatusCode.NotFound) await Success(await op.PublishAsync("USD", PricingHttp.Book(), "tour-book"));

        var created = await Success(await op.PostAsJsonAsync("api/operator/tenants", new { name = "Tour Co", settings = new { defaultTimeZone = "America/Chicago", inboundConcurrencyLimit = 3, inboundReservedCalls = 1 } }));
        var tenantId = created.GetProperty("id").GetString()!;
        var adminKey = (await Success(await op.PostAsJsonAsync($"api/operator/tenants/{tenantId}/api-keys", new { name = "admin", role = "tenant-admin" })))
            .GetProperty("key").GetString()!;
        await Success(await op.PostAsJsonAsync($"api/operator/tenants/{tenantId}/api-keys", new { name = "wall", role = "supervisor" }));
        await Success(await op.PutOverridesAsync(tenantId, new { adjustmentBasisPoints = 1_500, stt = new[] { new { provider = "deepgram", model = "*", perAudioMinuteMicros = 9_000 } } }));
        using (var credit = new HttpRequestMessage(HttpMethod.Post, $"api/operator/tenants/{tenantId}/wallet/credits") { Content = JsonContent.Create(new { kind = "top-up", amount = 5_000 }) })
        {
            credit.Headers.Add("Idempotency-Key", "tour-top-up");
            await Success(await op.SendAsync(credit));
        }

        using var admin = Client(baseAddress, adminKey);
        var branding = new BrandingClient(admin);
        var brandId = BrandingClient.Id(await branding.CreateBrandAsync("Tour Dental"));
        var personaId = BrandingClient.Id(await branding.CreatePersonaAsync(brandId));
        var agentId = BrandingClient.Id(await branding.CreateAgentAsync(personaId));
        var trunkId = await admin.CreateTrunkAsync(new { liveKitTrunkId, name = "Tour trunk", numbers = new[] { callerId }, maxConcurrentCalls = 5, callsPerSecond = 1.5 });
        var numberId = await admin.CreateNumberAsync(new { number = callerId, label = "Tour line", assignedAgentId = agentId, trunkId });

        var placed = await Success(await admin.PostAsJsonAsync("api/calls", new { agentId, to = callee, variables = new Dictionary<string, string> { ["first_name"] = "Maria" } }));
        var callId = placed.GetProperty("id").GetString()!;
        await CallTestSupport.WaitUntilAsync(async () =>
        {
            var cost = await admin.GetAsync($"api/calls/{callId}/cost");
            return cost.IsSuccessStatusCode && (await cost.ReadJsonAsync()).GetProperty("settled").GetBoolean();
        }, () => "the tour's call settled");

        await Success(await admin.PostAsJsonAsync("api/do-not-call", new { number = "+14155550199", reason = "tour" }));
        // Inbound (the tenant's limits are set above): a reception line with its hours, holidays, closed message and
        // anonymous policy, kept on LiveKit as a dispatch rule, and a blocked caller.
        await admin.CreateNumberAsync(new
        {
            number = "+13125550188", label = "Tour reception",
            inbound = new
            {
                agentId, timeZone = "America/Chicago", hours = new[] { new { days = new[] { "monday", "tuesday" }, from = "09:00", to = "17:00" } },
                holidays = new[] { "2026-12-25" }, closedMessage = "The tour is closed.", allowAnonymous = false,
            },
        });
        await Success(await admin.PostAsJsonAsync("api/caller-blocklist", new { number = "+13125550177", reason = "tour" }));
        using var campaignRequest = new HttpRequestMessage(HttpMethod.Post, "api/campaigns")
        {
            Content = JsonContent.Create(new
            {
                name = "Tour campaign", agentId, callerIdNumberIds = new[] { numberId }, trunkId,
                windows = new[] { new { days = new[] { "monday", "friday" }, from = "09:00", to = "18:00" }, new { days = new[] { "saturday" }, from = "22:00", to = "02:00" } },
                defaultTimeZone = "America/Chicago", callerIdRotation = "local-presence", autoResume = true,
                callingRules = new[] { new { id = "tour-rule", appliesTo = "*", noCallDays = new[] { "sunday" }, holidays = new[] { "2026-12-24" }, maxAttempts = 2, perHours = 24, source = "tour" } },
            }),
            Headers = { { "Idempotency-Key", "tour-campaign" } },
        };
        var campaignId = (await Success(await admin.SendAsync(campaignRequest))).GetProperty("id").GetString()!;
        using var importRequest = new HttpRequestMessage(HttpMethod.Post, $"api/campaigns/{campaignId}/imports")
        {
            Content = new StringContent("phone,name,consent_at,plan\n+13125550101,Tour Lead,2026-05-01T14:30:00Z,gold\nnot a number,Bad,,\n", System.Text.Encoding.UTF8, "text/csv"),
            Headers = { { "Idempotency-Key", "tour-import" } },
        };
        var importId = (await Success(await admin.SendAsync(importRequest))).GetProperty("id").GetString()!;
        await CallTestSupport.WaitUntilAsync(async () =>
            (await (await admin.GetAsync($"api/campaigns/{campaignId}/imports/{importId}")).ReadJsonAsync()).GetProperty("status").GetString() == "completed",
            () => "the tour's lead import completed");

        // A person: invited by the admin key, the invitation accepted with a password, which starts a session.
        var invited = await Success(await admin.PostAsJsonAsync("api/users/invitations", new { email = "sam@tour.example", role = "supervisor" }));
        using var browser = new HttpClient { BaseAddress = baseAddress };
        var accepted = await browser.PostAsJsonAsync("api/invitations/accept",
            new { token = invited.GetProperty("token").GetString(), displayName = "Sam Tour", password = "correct horse battery staple" });
        await Success(accepted);
        var sessionCookie = accepted.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("vp_session=", StringComparison.Ordinal)).Split(';')[0];

        return new PlatformTour(baseAddress, operatorKey, tenantId, adminKey, brandId, personaId, agentId, trunkId, numberId, callId, campaignId, importId, sessionCookie);
    }

    /// <summary>The same tour against a host that was rebuilt on the same storage (another address, same data).</summary>
    public PlatformTour At(Uri baseAddress) => new(baseAddress, _operatorKey, TenantId, AdminKey, BrandId, PersonaId, AgentId, TrunkId, NumberId, CallId, CampaignId, ImportId, SessionCookie);

    /// <summary>Every read route over the tour's objects, answer by answer: each must be 200.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SnapshotAsync()
    {
        using var op = Client(_baseAddress, _operatorKey);
        using var admin = Client(_baseAddress, AdminKey);
        using var person = new HttpClient { BaseAddress = _baseAddress };
        person.DefaultRequestHeaders.Add("Cookie", SessionCookie);
        var reads = new List<(HttpClient Client, string Path)>
        {
            (admin, "api/users"),
            (person, "api/session"),
            (person, $"api/campaigns/{CampaignId}"),
            (op, $"api/operator/tenants/{TenantId}"),
            (op, $"api/operator/tenants/{TenantId}/api-keys"),
            (op, $"api/operator/tenants/{TenantId}/pricing"),
            (op, $"api/operator/tenants/{TenantId}/wallet"),
            (op, $"api/operator/tenants/{TenantId}/wallet/ledger"),
            (op, "api/operator/price-books/USD"),
            (op, "api/operator/price-books/USD/versions/1"),
            (admin, "api/tenant"),
            (admin, "api/api-keys"),
            (admin, "api/pricing"),
            (admin, "api/wallet"),
            (admin, "api/wallet/ledger"),
            (admin, "api/persona-templates"),
            (admin, "api/brands"),
            (admin, $"api/brands/{BrandId}"),
            (admin, "api/personas"),
            (admin, $"api/personas/{PersonaId}"),
            (admin, "api/agents"),
            (admin, $"api/agents/{AgentId}"),
            (admin, $"api/agents/{AgentId}/compiled-instructions?first_name=Lee"),
            (admin, "api/sip-trunks"),
            (admin, $"api/sip-trunks/{TrunkId}"),
            (admin, "api/phone-numbers"),
            (admin, $"api/phone-numbers/{NumberId}"),
            (admin, "api/calls"),
            (admin, $"api/calls/{CallId}"),
            (admin, $"api/calls/{CallId}/cost"),
            (admin, $"api/calls/{CallId}/events"),
            (admin, $"api/calls/{CallId}/transcript"),
            (admin, "api/usage?groupBy=agent"),
            (admin, "api/campaigns"),
            (admin, $"api/campaigns/{CampaignId}"),
            (admin, $"api/campaigns/{CampaignId}/imports/{ImportId}"),
            (admin, $"api/campaigns/{CampaignId}/leads"),
            (admin, "api/do-not-call"),
            (admin, "api/do-not-call/%2B14155550199"),
            (admin, "api/caller-blocklist"),
        };
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (client, path) in reads)
        {
            var response = await client.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
            snapshot[path] = ApiSnapshots.Normalize(text);
        }
        return snapshot;
    }

    /// <summary>Asserts route by route that two snapshots are the same, naming the first route that differs.</summary>
    public static void AssertSame(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (path, body) in before) Assert.True(body == after[path], $"GET {path} changed:\nbefore {body}\nafter  {after[path]}");
    }


    private static HttpClient Client(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<JsonElement> Success(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
