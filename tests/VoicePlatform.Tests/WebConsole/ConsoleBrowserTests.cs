using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using VoicePlatform.ApiHost.Hosting;
using VoicePlatform.Tests.Http;
using VoicePlatform.Tests.Users;
using VoicePlatform.Tests.Wallboard;
using Xunit.Abstractions;

namespace VoicePlatform.Tests.WebConsole;

/// <summary>
/// The tenant console in a real headless Chromium against the all-in-one host, only through its pages: the invitation
/// link the banner prints is accepted, then a brand, a persona from a template and an agent are made (the agent's brand
/// badge and the brand filter), an edit made meanwhile by someone else shows as a conflict with their version, and a
/// supervisor cannot reach the admin screens. Every screen is checked by axe-core and kept as a screenshot at desktop
/// and phone widths.
/// </summary>
[Collection(WallboardCollection.Name)]
public sealed class ConsoleBrowserTests(WallboardFixture host, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Patient = new() { Timeout = 30_000 };

    [Fact]
    public async Task AnInvitedAdminBuildsABrandAPersonaAndAnAgentAndSeesAConflictingEdit()
    {
        var seeder = host.App.Services.GetServices<IHostedService>().OfType<DemoTenantSeeder>().Single();
        var link = seeder.DemoInvitationLink;
        Assert.NotNull(link);
        var (page, screens) = await OpenAsync();

        // The printed link: the page shows whom it is for; a short password is refused next to its field.
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accept your invitation" })).ToBeVisibleAsync(Patient);
        await Assertions.Expect(page.GetByLabel("Email")).ToHaveValueAsync(DemoTenantSeeder.DemoAdminEmail);
        await screens.RecordAsync("accept-invitation");
        await page.GetByLabel("Your name").FillAsync("Ada Admin");
        await page.GetByLabel("Choose a password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-for='password']")).ToContainTextAsync("At least 12 characters");
        await page.GetByLabel("Choose a password").FillAsync(ConsoleUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Console" })).ToBeVisibleAsync(Patient);
        Assert.DoesNotContain("accept=", page.Url);
        // The session is a cookie no script can read (what a script sees is only the marker that one may exist).
        Assert.Equal("vp_signed_in=1", await page.EvaluateAsync<string>("() => document.cookie"));
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "vp_session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);

        // A brand: a missing name is named next to its field; then created.
        await page.GotoAsync("app#/brands/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create brand" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-for='companyName']")).Not.ToBeEmptyAsync();
        await page.GetByLabel("Company name").FillAsync("Harbor Dental");
        await page.GetByLabel("Industry").FillAsync("Dental care");
        await page.GetByLabel("What the company does").FillAsync("A family dental practice on the harbour.");
        await screens.RecordAsync("brand-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create brand" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Harbor Dental", Exact = true })).ToBeVisibleAsync(Patient);
        var brandId = page.Url.Split('/')[^1];

        // Someone else edits the same brand meanwhile (through the API with the tenant's key): this page's save shows their
        // version, and keeping this person's version saves it over theirs knowingly.
        using (var other = host.WithKey(await host.DemoApiKeyAsync()))
        {
            var current = await other.GetAsync($"api/brands/{brandId}");
            var brand = await current.ReadJsonAsync();
            var profile = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(brand.GetProperty("profile").GetRawText())!;
            profile["industry"] = JsonSerializer.SerializeToElement("Orthodontics");
            using var put = new HttpRequestMessage(HttpMethod.Put, $"api/brands/{brandId}") { Content = JsonContent.Create(profile) };
            put.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.ToString());
            Assert.True((await other.SendAsync(put)).IsSuccessStatusCode);
        }
        await page.GetByLabel("Voice and tone").FillAsync("Warm, calm and brief.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        var conflict = page.Locator(".conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("Someone else changed this brand", new() { Timeout = 30_000 });
        await Assertions.Expect(conflict.Locator(".their-version")).ToContainTextAsync("Orthodontics");
        await screens.RecordAsync("brand-conflict");
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Keep my version (save over theirs)" }).ClickAsync();
        await Assertions.Expect(conflict).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#announcer")).ToHaveTextAsync("Saved.");

        // The brand list finds it by name.
        await page.GotoAsync("app#/brands?name=Harbor&status=active");
        await Assertions.Expect(page.Locator($"li[data-brand-id='{brandId}']")).ToBeVisibleAsync(Patient);
        await screens.RecordAsync("brands");

        // A persona from the receptionist template, in the new brand; a broken tool schema is flagged in the page.
        await page.GotoAsync("app#/personas");
        var template = page.Locator("li[data-template-id='receptionist']");
        await Assertions.Expect(template).ToBeVisibleAsync(Patient);
        await screens.RecordAsync("personas");
        await template.GetByText("Preview").ClickAsync();
        await Assertions.Expect(template.Locator("pre.instructions")).Not.ToBeEmptyAsync();
        await template.GetByLabel("Brand").SelectOptionAsync(brandId);
        await template.GetByLabel("Persona name").FillAsync("Hana");
        await template.GetByRole(AriaRole.Button, new() { Name = "Use Receptionist" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hana", Exact = true })).ToBeVisibleAsync(Patient);
        await Assertions.Expect(page.Locator(".brand-badge")).ToHaveTextAsync("Harbor Dental");
        var personaId = page.Url.Split('/')[^1];
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a tool" }).ClickAsync();
        var tool = page.Locator("fieldset.tool").Last;
        await tool.GetByLabel("Function name").FillAsync("check_insurance");
        await tool.GetByLabel("What it does").FillAsync("Checks whether the caller's insurer is accepted.");
        await tool.GetByLabel("Parameters (JSON Schema)").FillAsync("{\"type\": \"array\"}");
        await Assertions.Expect(tool.Locator("[data-error-for$='.parameters']")).ToContainTextAsync("JSON Schema object");
        await screens.RecordAsync("persona-edit");
        await tool.GetByLabel("Parameters (JSON Schema)").FillAsync("{\"type\": \"object\", \"properties\": {\"insurer\": {\"type\": \"string\"}}}");
        await Assertions.Expect(tool.Locator("[data-error-for$='.parameters']")).ToBeEmptyAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save persona" }).ClickAsync();
        await Assertions.Expect(page.Locator("#announcer")).ToHaveTextAsync("Saved.");

        // The persona changed by someone else meanwhile: this page's next save shows their version, as for brands.
        using (var other = host.WithKey(await host.DemoApiKeyAsync()))
        {
            var current = await other.GetAsync($"api/personas/{personaId}");
            var persona = await current.ReadJsonAsync();
            var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(persona.GetProperty("profile").GetRawText())!;
            body["tone"] = JsonSerializer.SerializeToElement("Brisk and formal");
            body["brandId"] = JsonSerializer.SerializeToElement(brandId);
            using var put = new HttpRequestMessage(HttpMethod.Put, $"api/personas/{personaId}") { Content = JsonContent.Create(body) };
            put.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.ToString());
            var saved = await other.SendAsync(put);
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        }
        await page.GetByLabel("Tone").FillAsync("Warm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save persona" }).ClickAsync();
        var personaConflict = page.Locator(".conflict");
        await Assertions.Expect(personaConflict).ToContainTextAsync("Someone else changed this persona", new() { Timeout = 30_000 });
        await Assertions.Expect(personaConflict.Locator(".their-version")).ToContainTextAsync("Brisk and formal");
        await personaConflict.GetByRole(AriaRole.Button, new() { Name = "Keep my version (save over theirs)" }).ClickAsync();
        await Assertions.Expect(personaConflict).ToBeHiddenAsync();

        // An agent from that persona: the brand comes with it, and shows on the agent's card and page.
        await page.GotoAsync($"app#/agents/new?brand={brandId}");
        await page.GetByLabel("Persona", new() { Exact = true }).SelectOptionAsync(personaId);
        await Assertions.Expect(page.Locator("#agent-brand")).ToContainTextAsync("Harbor Dental");
        await page.GetByLabel("Agent name").FillAsync("Hana at the front desk");
        await page.GetByLabel("Status").SelectOptionAsync("active");
        await page.GetByLabel("Greeting").FillAsync("Hello {{first_name}}, this is Hana from Harbor Dental about {{appointment_day}}.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create agent" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hana at the front desk" })).ToBeVisibleAsync(Patient);
        await Assertions.Expect(page.Locator("a.brand-badge")).ToHaveTextAsync("Harbor Dental");
        // The compiled instructions with sample variables: one the greeting uses is missing and flagged.
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview instructions" }).ClickAsync();
        await Assertions.Expect(page.Locator(".compiled .warning")).ToContainTextAsync("{{appointment_day}}", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".compiled")).ToContainTextAsync("Hello Jordan");
        await screens.RecordAsync("agent");
        // A browser test call: the agent is dispatched to a room through the test-call endpoint; the emulator has no media
        // server, so the page says the room and that LiveKit's media could not be reached from the browser.
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a browser test call" }).ClickAsync();
        await Assertions.Expect(page.Locator(".test-call")).ToContainTextAsync("dispatched", new() { Timeout = 60_000 });

        // The agents page filtered by the brand shows only its agents, each with the badge; the demo agent is elsewhere.
        await page.GotoAsync($"app#/agents?brand={brandId}");
        var cards = page.Locator("li.agent");
        await Assertions.Expect(cards).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(cards.First.Locator(".brand-badge")).ToHaveTextAsync("Harbor Dental");
        var agentId = (await cards.First.GetAttributeAsync("data-agent-id"))!;
        await screens.RecordAsync("agents-by-brand");
        await page.GotoAsync("app#/agents");
        await Assertions.Expect(page.Locator($"li.agent[data-agent-id='{DemoTenantSeeder.DemoAgentId}'] .brand-badge")).ToHaveTextAsync("Bright Smile Dental", new() { Timeout = 30_000 });

        // Telephony: a caller id for the new agent, on the demo's trunk.
        await page.GotoAsync("app#/telephony");
        await page.GetByText("Add a trunk").ClickAsync();
        await page.GetByLabel("Trunk name").FillAsync("Harbor carrier");
        await page.GetByLabel("Carrier's SIP address").FillAsync("sip.harbor-carrier.example");
        await page.GetByLabel("SIP user name").FillAsync("harbor");
        await page.GetByLabel("SIP password").FillAsync("trunk-secret-never-shown");
        await page.GetByLabel("Numbers it may present (one per line)").FillAsync("+15125550177");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add trunk" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-trunk-id]", new() { HasText = "Harbor carrier" })).ToBeVisibleAsync(Patient);
        Assert.DoesNotContain("trunk-secret-never-shown", await page.ContentAsync());
        var trunkId = (await page.Locator("tr[data-trunk-id]", new() { HasText = "Harbor carrier" }).GetAttributeAsync("data-trunk-id"))!;
        await page.GetByLabel("Number", new() { Exact = true }).FillAsync("+1 512 555 0177");
        await page.GetByLabel("Trunk", new() { Exact = true }).SelectOptionAsync(trunkId);
        await page.GetByLabel("Label").FillAsync("Harbor front desk");
        await page.GetByLabel("Only for agent").SelectOptionAsync(agentId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add number" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "+15125550177" })).ToBeVisibleAsync(Patient);
        await Assertions.Expect(page.Locator("tr[data-number-id]", new() { HasText = "+15125550177" })).ToContainTextAsync("Hana at the front desk");
        await screens.RecordAsync("telephony");

        // A campaign through the wizard, its hours drawn on the week grid.
        await page.GotoAsync("app#/campaigns/new");
        await page.GetByLabel("Campaign name").FillAsync("Harbor recall");
        await page.GetByLabel("Agent").SelectOptionAsync(agentId);
        await page.GetByLabel("+15125550177 — Harbor front desk").CheckAsync();
        await screens.RecordAsync("campaign-wizard");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Every day 8–21" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Monday 08:00 to 09:00")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Monday 21:00 to 22:00")).Not.ToBeCheckedAsync();
        await screens.RecordAsync("campaign-windows");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("Calls at once").FillAsync("2");
        await page.GetByLabel("Only call US numbers with recorded consent (required for AI voices under the TCPA)").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(page.Locator(".review")).ToContainTextAsync("Hana at the front desk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create campaign" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Harbor recall" })).ToBeVisibleAsync(Patient);

        // The campaign's own calling rule: a place that is none is named next to its field; a frequency cap is kept.
        await page.GetByText("Add a calling rule").ClickAsync();
        var rules = page.GetByRole(AriaRole.Form, new() { Name = "Add a calling rule" });
        await rules.GetByLabel("Rule name").FillAsync("weekly-cap");
        await rules.GetByLabel("Applies to").FillAsync("nowhere");
        await rules.GetByLabel("At most this many attempts to one number").FillAsync("10");
        await rules.GetByLabel("…per this many hours").FillAsync("24");
        await rules.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await Assertions.Expect(rules.Locator("[data-error-for='appliesTo']")).Not.ToBeEmptyAsync();
        await rules.GetByLabel("Applies to").FillAsync("*");
        await rules.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-rule-id='weekly-cap']")).ToContainTextAsync("10 per 24 h", Patient2);

        // Its settings edited in the same wizard, filled with what it has: the pace changes, its calling rule stays.
        var campaignId = page.Url.Split('/')[^1];
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit settings" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Campaign name")).ToHaveValueAsync("Harbor recall", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByLabel("+15125550177 — Harbor front desk")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Monday 08:00 to 09:00")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Calls at once")).ToHaveValueAsync("2");
        await page.GetByLabel("Dials per minute").FillAsync("12");
        await screens.RecordAsync("campaign-edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Harbor recall" })).ToBeVisibleAsync(Patient);
        using (var other = host.WithKey(await host.DemoApiKeyAsync()))
        {
            var edited = (await (await other.GetAsync($"api/campaigns/{campaignId}")).ReadJsonAsync()).GetProperty("settings");
            Assert.Equal(12, edited.GetProperty("pacing").GetProperty("maxDialsPerMinute").GetInt32());
            Assert.Equal(2, edited.GetProperty("pacing").GetProperty("maxConcurrentCalls").GetInt32());
            Assert.False(edited.GetProperty("requireConsentForUsNumbers").GetBoolean());
            Assert.Equal("weekly-cap", Assert.Single(edited.GetProperty("callingRules").EnumerateArray()).GetProperty("id").GetString());

            // An edit saved over someone else's change is refused and says so; nothing of this page's is written.
            await page.GetByRole(AriaRole.Link, new() { Name = "Edit settings" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("Campaign name")).ToHaveValueAsync("Harbor recall", new() { Timeout = 30_000 });
            var current = await other.GetAsync($"api/campaigns/{campaignId}");
            var settings = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>((await current.ReadJsonAsync()).GetProperty("settings").GetRawText())!;
            settings["name"] = JsonSerializer.SerializeToElement("Harbor recall (spring)");
            settings["windows"] = JsonSerializer.SerializeToElement(new[] { new { days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }, from = "08:00", to = "21:00" } });
            using var put = new HttpRequestMessage(HttpMethod.Put, $"api/campaigns/{campaignId}") { Content = JsonContent.Create(settings) };
            put.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.ToString());
            var renamed = await other.SendAsync(put);
            Assert.True(renamed.IsSuccessStatusCode, await renamed.Content.ReadAsStringAsync());
        }
        await page.GetByLabel("Campaign name").FillAsync("Harbor recall (mine)");
        for (var step = 0; step < 3; step++) await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Someone changed this campaign" })).ToBeVisibleAsync(Patient);
        await page.GotoAsync($"app#/campaigns/{campaignId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Harbor recall (spring)" })).ToBeVisibleAsync(Patient);

        // Leads where it is daytime now (every lead is called in its own local hours), with two bad rows.
        var (prefix, place) = CallableLeads.DaytimePrefix(DateTimeOffset.UtcNow);
        output.WriteLine($"leads in {place}");
        var csv = Path.Combine(Path.GetTempPath(), $"harbor-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, $"phone,first_name\n{prefix}1001,Ana\nnot a number,Bo\n{prefix}1002,Cy\n,Di\n");
        await page.GetByLabel("Lead list (CSV with a phone column; other columns become variables)").SetInputFilesAsync(csv);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload leads" }).ClickAsync();
        var report = page.Locator(".import-report");
        await Assertions.Expect(report).ToContainTextAsync("4 rows read: 2 added", new() { Timeout = 30_000 });
        var rejected = report.Locator("table.rejected tbody tr");
        await Assertions.Expect(rejected).ToHaveCountAsync(2);
        await Assertions.Expect(rejected.First).ToContainTextAsync("phone");
        await screens.RecordAsync("campaign-leads");

        // Started, its two calls are placed, answered, talk and end while the page watches (the live feed, not a reload).
        await Assertions.Expect(page.Locator(".feed")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Start campaign" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("running", new() { Timeout = 30_000 });
        var ended = page.Locator("tr[data-call-id][data-status='ended']");
        await Assertions.Expect(ended).ToHaveCountAsync(2, new() { Timeout = 120_000 });
        // Both leads are done with for now: each call's outcome decides (the scripted agent sometimes hears "call me back",
        // and then the campaign says when it dials next instead of completing).
        await Assertions.Expect(page.GetByTestId("live-calls")).ToHaveTextAsync("0", Patient3);
        await Assertions.Expect(page.Locator("[data-testid='campaign-status'][data-status='completed'], .not-dialing:has-text('Next dial')").First).ToBeVisibleAsync(Patient);
        await Assertions.Expect(page.Locator("figure.chart")).ToContainTextAsync("Dialed");
        await screens.RecordAsync("campaign-progress");

        // The export: the leads and their outcomes as CSV, downloaded with the session (nothing but the cookie).
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export the leads and their outcomes (CSV)" }).ClickAsync());
        var exported = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Contains("phone", exported[0]);
        Assert.Contains(exported.Skip(1), line => line.Contains($"{prefix}1001"));
        Assert.Contains(exported.Skip(1), line => line.Contains($"{prefix}1002"));

        // A call's page: its transcript, outcome and itemised cost.
        await ended.First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Transcript" }).Locator("li").First).ToBeVisibleAsync(Patient);
        await Assertions.Expect(page.GetByTestId("cost-total")).ToContainTextAsync("$", Patient2);
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Itemised cost" })).ToContainTextAsync("telephony");
        await screens.RecordAsync("call");

        // The calls list filters by campaign and direction; the wallet shows the spend.
        await page.GotoAsync("app#/calls?direction=outbound");
        await Assertions.Expect(page.Locator("tr[data-call-id]").First).ToBeVisibleAsync(Patient);
        await screens.RecordAsync("calls");
        await page.GotoAsync("app#/wallet?groupBy=agent");
        await Assertions.Expect(page.Locator("figure.chart").First).ToContainTextAsync("Hana at the front desk", Patient2);
        await screens.RecordAsync("wallet");
    }

    private static readonly LocatorAssertionsToContainTextOptions Patient2 = new() { Timeout = 30_000 };

    [Fact]
    public async Task ASupervisorSignsInWithAPasswordAndCannotReachTheAdminScreens()
    {
        var email = $"sam-{Guid.NewGuid():N}@demo.example";
        var token = await ConsoleUsers.InviteAsync(host, await host.DemoApiKeyAsync(), email, "supervisor");
        using (var accept = new ConsoleSession(host.BaseAddress))
            Assert.True((await accept.AcceptAsync(token, "Sam Supervisor", ConsoleUsers.Password)).IsSuccessStatusCode);
        var (page, screens) = await OpenAsync();

        await page.GotoAsync("app");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync(Patient);
        await screens.RecordAsync("sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-for='password']")).ToContainTextAsync("not right");
        await page.GetByLabel("Password").FillAsync(ConsoleUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Console" });
        await Assertions.Expect(nav).ToBeVisibleAsync(Patient);
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Brands" })).ToHaveCountAsync(0);
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Agents" })).ToHaveCountAsync(1);

        // Typed by hand, an admin screen says whose it is, and shows nothing of it.
        await page.GotoAsync("app#/brands/new");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not for your role" })).ToBeVisibleAsync(Patient);
        await Assertions.Expect(page.GetByLabel("Company name")).ToHaveCountAsync(0);
        await screens.RecordAsync("not-for-your-role");

        // On a phone the navigation is behind a menu button, reachable by keyboard.
        await page.SetViewportSizeAsync(ConsoleScreens.Phone.Width, ConsoleScreens.Phone.Height);
        await Assertions.Expect(nav).ToBeHiddenAsync();
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(nav).ToBeVisibleAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await page.SetViewportSizeAsync(ConsoleScreens.Desktop.Width, ConsoleScreens.Desktop.Height);

        // The live floor takes the same sign-in: no key asked for.
        await page.GotoAsync("live");
        await Assertions.Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#signed-out")).ToBeHiddenAsync();
        await page.GotoAsync("app");
        await Assertions.Expect(nav).ToBeVisibleAsync(Patient);

        // Signing out leaves nothing behind: the session is gone server-side too.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync(Patient);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name is "vp_session" or "vp_signed_in");
    }

    [Fact]
    public async Task AnAdminManagesPeopleKeysDoNotCallAndWebhooksAndTheOperatorTopsUpTheWallet()
    {
        var tenant = await host.CreateTenantAsync("Settings Agency");
        var email = $"ada-{Guid.NewGuid():N}@settings.example";
        var token = await ConsoleUsers.InviteAsync(host, tenant.AdminKey, email, "tenant-admin");
        var (page, screens) = await OpenAsync();
        await page.GotoAsync($"app#accept={token}");
        await page.GetByLabel("Your name").FillAsync("Ada Settings");
        await page.GetByLabel("Choose a password").FillAsync(ConsoleUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Console" })).ToBeVisibleAsync(Patient);

        // People: an invitation's link is shown once; the person is listed as invited.
        await page.GotoAsync("app#/settings/people");
        var invite = page.GetByRole(AriaRole.Form, new() { Name = "Invite someone" });
        await invite.GetByLabel("Email").FillAsync("not-an-email");
        await invite.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(invite.Locator("[data-error-for='email']")).ToContainTextAsync("Not an email address");
        await invite.GetByLabel("Email").FillAsync("sam@settings.example");
        await invite.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Invitation link")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/app/#accept=vpi\\."));
        await screens.RecordAsync("settings-people");

        // API keys: the secret once, then only its prefix; revoking works.
        await page.GotoAsync("app#/settings/api-keys");
        await page.GetByLabel("Key name").FillAsync("CRM sync");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var secret = await page.GetByLabel("New API key").InputValueAsync();
        Assert.StartsWith("vpk_", secret);
        using (var withKey = host.WithKey(secret)) Assert.True((await withKey.GetAsync("api/campaigns")).IsSuccessStatusCode);
        await screens.RecordAsync("settings-api-key-created");
        await page.GetByRole(AriaRole.Button, new() { Name = "Done: show the list" }).ClickAsync();
        var row = page.Locator("tr[data-key-id]", new() { HasText = "CRM sync" });
        await Assertions.Expect(row).ToBeVisibleAsync(Patient);
        Assert.DoesNotContain(secret, await page.ContentAsync());
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-key-id]", new() { HasText = "CRM sync" })).ToContainTextAsync("Revoked", Patient2);
        using (var withKey = host.WithKey(secret)) Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await withKey.GetAsync("api/campaigns")).StatusCode);
        await screens.RecordAsync("settings-api-keys");

        // Do not call: a bad number named next to its field; a good one listed.
        await page.GotoAsync("app#/settings/do-not-call");
        await page.GetByLabel("Number", new() { Exact = true }).FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the list" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-for='number']")).Not.ToBeEmptyAsync();
        await page.GetByLabel("Number", new() { Exact = true }).FillAsync("+1 415 555 0199");
        await page.GetByLabel("Reason").FillAsync("Asked on the phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the list" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-number='+14155550199']")).ToBeVisibleAsync(Patient);
        await screens.RecordAsync("settings-do-not-call");

        // Calling rules for every campaign: a place that is none is named next to its field; a holiday is kept.
        await page.GotoAsync("app#/settings/calling-rules");
        await page.GetByText("Add a calling rule").ClickAsync();
        var tenantRules = page.GetByRole(AriaRole.Form, new() { Name = "Add a calling rule" });
        await tenantRules.GetByLabel("Rule name").FillAsync("christmas-eve");
        await tenantRules.GetByLabel("Applies to").FillAsync("the moon");
        await tenantRules.GetByLabel("Holidays (yyyy-MM-dd, one per line)").FillAsync("2026-12-24");
        await tenantRules.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await Assertions.Expect(tenantRules.Locator("[data-error-for='appliesTo']")).Not.ToBeEmptyAsync();
        await tenantRules.GetByLabel("Applies to").FillAsync("US");
        await tenantRules.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-rule-id='christmas-eve']")).ToContainTextAsync("2026-12-24", Patient2);
        await screens.RecordAsync("settings-calling-rules");
        using (var withKey = host.WithKey(tenant.AdminKey))
        {
            var held = (await (await withKey.GetAsync("api/tenant")).ReadJsonAsync()).GetProperty("settings").GetProperty("callingRules");
            Assert.Equal("US", Assert.Single(held.EnumerateArray()).GetProperty("appliesTo").GetString());
        }

        // Webhooks: a URL that is none is refused next to its field; a good one gets its secret once and a delivery log.
        await page.GotoAsync("app#/settings/webhooks");
        await page.GetByLabel("Endpoint URL").FillAsync("hooks dot example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-for='url']")).Not.ToBeEmptyAsync();
        await page.GetByLabel("Endpoint URL").FillAsync("https://hooks.settings.example/voice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Signing secret")).Not.ToBeEmptyAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "https://hooks.settings.example/voice" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Deliveries to https://hooks.settings.example/voice" })).ToBeVisibleAsync(Patient);
        await screens.RecordAsync("settings-webhook-deliveries");

        // Activity: each of those changes, with this person's email.
        await page.GotoAsync("app#/settings/activity");
        var keyCreation = page.Locator("tr[data-sequence]", new() { HasText = "POST /api/api-keys/" });
        await Assertions.Expect(keyCreation).ToContainTextAsync(email, Patient2);
        await Assertions.Expect(page.Locator("tr[data-sequence]", new() { HasText = "POST /api/do-not-call/" })).ToContainTextAsync(email);
        await screens.RecordAsync("settings-activity");

        // The operator, signed in through the invitation the banner prints, tops up this tenant's wallet.
        var seeder = host.App.Services.GetServices<IHostedService>().OfType<DemoTenantSeeder>().Single();
        var (operatorPage, operatorScreens) = await OpenAsync();
        await operatorPage.GotoAsync(seeder.OperatorInvitationLink!);
        await operatorPage.GetByLabel("Your name").FillAsync("Olga Operator");
        await operatorPage.GetByLabel("Choose a password").FillAsync(ConsoleUsers.Password);
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        var operatorNav = operatorPage.GetByRole(AriaRole.Navigation, new() { Name = "Console" });
        await Assertions.Expect(operatorNav.GetByRole(AriaRole.Link, new() { Name = "Tenants" })).ToBeVisibleAsync(Patient);
        await Assertions.Expect(operatorNav.GetByRole(AriaRole.Link, new() { Name = "Brands" })).ToHaveCountAsync(0);
        await operatorPage.GotoAsync($"app#/tenants/{tenant.Id}");
        await Assertions.Expect(operatorPage.GetByRole(AriaRole.Heading, new() { Name = "Settings Agency" })).ToBeVisibleAsync(Patient);
        await operatorPage.GetByLabel("Amount (USD)").FillAsync("25");
        await operatorPage.GetByLabel("Note").FillAsync("Invoice 2026-12");
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Credit the wallet" }).ClickAsync();
        await Assertions.Expect(operatorPage.GetByTestId("tenant-balance")).ToHaveTextAsync("$25.00", Patient3);
        await Assertions.Expect(operatorPage.Locator("tr", new() { HasText = "Invoice 2026-12" })).ToContainTextAsync(DemoTenantSeeder.OperatorEmail);
        await operatorScreens.RecordAsync("operator-tenant");

        // The tenant's admin sees the money on the wallet screen (read afresh, nothing cached).
        await page.GotoAsync("app#/wallet");
        await Assertions.Expect(page.GetByTestId("wallet-balance")).ToHaveTextAsync("$25.00", Patient3);
        await page.GetByLabel("Warn when available money falls below (USD)").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save threshold" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("low-balance-threshold")).ToHaveTextAsync("$5.00", Patient3);
    }

    private static readonly LocatorAssertionsToHaveTextOptions Patient3 = new() { Timeout = 30_000 };

    private async Task<(IPage Page, ConsoleScreens Screens)> OpenAsync()
    {
        // axe is injected as a script, which the page's own CSP rightly forbids: the test's contexts alone bypass it.
        // (Each context closes with the fixture's browser.)
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), ViewportSize = ConsoleScreens.Desktop, BypassCSP = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") output.WriteLine($"console error: {message.Text}"); };
        page.PageError += (_, error) => errors.Add(error);
        page.Close += (_, _) => Assert.Empty(errors);
        return (page, new ConsoleScreens(page, output));
    }
}
