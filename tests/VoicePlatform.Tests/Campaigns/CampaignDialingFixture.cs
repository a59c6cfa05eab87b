using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.LiveKitEmulator.Sip;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>
/// An all-in-one ApiHost whose campaigns dial its embedded LiveKit emulator. The emulator answers by the callee's
/// last four digits (0111 answers and hangs up, 0122 busy, 0133 rings out, 0144 rejects, 0155 answers for a long
/// call, 0166 for three seconds) and runs 10× faster than real time. The calling clock starts at a fixed Wednesday 17:55 UTC — lawful on the
/// US mainland, five minutes before Honolulu's 08:00 — and runs 30× faster, so retry delays of a minute take two
/// seconds and every test passes at any hour of the real day. The emulator's agent worker joins every call's room and
/// stays silent (it reports no outcome), so answered calls are not abandoned and end when the callee hangs up.
/// </summary>
public class CampaignDialingFixture : ApiHostFixture
{
    public static readonly DateTimeOffset CallingStart = new(2026, 12, 9, 17, 55, 0, TimeSpan.Zero);
    public const double CallingRate = 30;

    public const string Answers = "0111";
    public const string Busy = "0122";
    public const string NoAnswer = "0133";
    public const string Rejects = "0144";
    public const string LongCall = "0155";
    public const string ThreeSecondCall = "0166";

    /// <summary>Agent worker settings of a fixture that needs others (late or missing agents).</summary>
    protected virtual IEnumerable<string> AgentWorkerArguments => [];

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--LiveKitEmulator:TimeAcceleration", "10",
        "--LiveKitEmulator:AgentWorker:Enabled", "true",
        "--LiveKitEmulator:AgentWorker:Converse", "false",
        .. AgentWorkerArguments,
        "--Clock:Offset", $"at:{CallingStart:O}",
        "--Clock:Rate", CallingRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        .. Rule(0, "*" + Answers, "answer;ring=1;hangup=2"),
        .. Rule(1, "*" + Busy, "busy"),
        .. Rule(2, "*" + NoAnswer, "noanswer;ring=2"),
        .. Rule(3, "*" + Rejects, "rejected;ring=1"),
        .. Rule(4, "*" + LongCall, "answer;ring=1;hangup=40"),
        .. Rule(5, "*" + ThreeSecondCall, "answer;ring=1;hangup=30"),
    ];

    /// <summary>Every call the emulator was asked to place, by the number it rang: the dialer's own record is not trusted for counting.</summary>
    public IReadOnlyDictionary<string, int> DialsByNumber() =>
        App.Services.GetRequiredService<EmbeddedLiveKitEmulator>().Services.GetRequiredService<SipCallSimulator>().Dialled
            .GroupBy(d => d.CallTo).ToDictionary(g => g.Key, g => g.Count());

    private static string[] Rule(int index, string pattern, string outcome) =>
    [
        $"--LiveKitEmulator:Sip:Rules:{index}:Pattern", pattern,
        $"--LiveKitEmulator:Sip:Rules:{index}:Outcome", outcome,
    ];
}

/// <summary>The same host, but half of the dispatches find no agent worker (seeded): answered calls abandoned.</summary>
public sealed class CampaignAbandonFixture : CampaignDialingFixture
{
    protected override IEnumerable<string> AgentWorkerArguments =>
    [
        "--LiveKitEmulator:AgentWorker:NeverJoinShare", "0.5",
        "--LiveKitEmulator:AgentWorker:Seed", "11",
    ];
}

[CollectionDefinition(Name)]
public sealed class CampaignAbandonCollection : ICollectionFixture<CampaignAbandonFixture>
{
    public const string Name = "campaign abandon host";
}

[CollectionDefinition(Name)]
public sealed class CampaignDialingCollection : ICollectionFixture<CampaignDialingFixture>
{
    public const string Name = "campaign dialing host";
}

/// <summary>Creating, filling, starting and watching campaigns over HTTP.</summary>
public static class CampaignTestSupport
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static object Retry(int noAnswer = 3, int busy = 2, int failed = 2, int maxPerLead = 6) => new
    {
        noAnswer = new { delayMinutes = 1, maxAttempts = noAnswer },
        busy = new { delayMinutes = 1, maxAttempts = busy },
        voicemail = new { delayMinutes = 1, maxAttempts = 1 },
        failed = new { delayMinutes = 1, maxAttempts = failed },
        maxAttemptsPerLead = maxPerLead,
    };

    /// <summary>A campaign of <paramref name="tenant"/>'s agent, every day 07:00–22:00 local (wider than the law, which must still win).</summary>
    public static async Task<string> CreateCampaignAsync(this CallTenant tenant, int maxConcurrent = 5, int perMinute = 120, object? retry = null,
        bool autoResume = false, IReadOnlyList<string>? callerIds = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/campaigns")
        {
            Content = JsonContent.Create(new
            {
                name = "Dialer test",
                agentId = tenant.AgentId,
                callerIdNumberIds = callerIds ?? [],
                windows = new[] { new { days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }, from = "07:00", to = "22:00" } },
                pacing = new { maxConcurrentCalls = maxConcurrent, maxDialsPerMinute = perMinute },
                retry = retry ?? Retry(),
                autoResume,
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var response = await tenant.Admin.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> ImportAsync(this CallTenant tenant, string campaign, IEnumerable<string> phones)
    {
        var csv = "phone,name,consent_at\n" + string.Concat(phones.Select((p, i) => $"{p},Lead {i},2026-11-01T10:00:00Z\n"));
        var response = await tenant.Admin.PostAsJsonAsync($"api/campaigns/{campaign}/leads", new { csv });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> CommandAsync(this CallTenant tenant, string campaign, string command, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await tenant.Admin.PostAsync($"api/campaigns/{campaign}/{command}", null);
        Assert.True(response.StatusCode == expected, $"{command}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> GetCampaignAsync(this CallTenant tenant, string campaign) =>
        await (await tenant.Admin.GetAsync($"api/campaigns/{campaign}")).ReadJsonAsync();

    /// <summary>Reads the campaign until <paramref name="done"/> holds; fails with the last reading after <see cref="Patience"/>.</summary>
    public static async Task<JsonElement> WaitForCampaignAsync(this CallTenant tenant, string campaign, Func<JsonElement, bool> done, TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? Patience);
        var last = default(JsonElement);
        while (!timeout.IsCancellationRequested)
        {
            last = await tenant.GetCampaignAsync(campaign);
            if (done(last)) return last;
            await Task.Delay(100);
        }
        Assert.Fail($"The campaign did not get there in time; last reading: {last}");
        return last;
    }

    public static async Task<IReadOnlyList<JsonElement>> LeadsAsync(this CallTenant tenant, string campaign)
    {
        var leads = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = await (await tenant.Admin.GetAsync($"api/campaigns/{campaign}/leads?limit=100{(after is null ? "" : "&after=" + after)}")).ReadJsonAsync();
            leads.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        } while (after is not null);
        return leads;
    }

    public static string Status(this JsonElement campaign) => campaign.GetProperty("status").GetString()!;

    public static int LiveCalls(this JsonElement campaign) => campaign.GetProperty("progress").GetProperty("liveCalls").GetInt32();

    public static string? NotDialingReason(this JsonElement campaign) =>
        campaign.GetProperty("progress").TryGetProperty("notDialing", out var why) && why.ValueKind == JsonValueKind.Object ? why.GetProperty("reason").GetString() : null;
}

/// <summary>The same host with an agent worker that converses and reports outcomes (a lead's variables can script them).</summary>
public sealed class CampaignOutcomeFixture : CampaignDialingFixture
{
    protected override IEnumerable<string> AgentWorkerArguments => ["--LiveKitEmulator:AgentWorker:Converse", "true"];
}

[CollectionDefinition(Name)]
public sealed class CampaignOutcomeCollection : ICollectionFixture<CampaignOutcomeFixture>
{
    public const string Name = "campaign outcome host";
}
