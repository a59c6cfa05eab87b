using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Branding;

/// <summary>Makes brands, personas and agents through the real API for a tenant's admin key.</summary>
public sealed class BrandingClient(HttpClient client)
{
    public HttpClient Http => client;

    public static object Voice => new { provider = "cartesia", voiceId = "warm-female-1", speed = 1.0 };

    public async Task<JsonElement> CreateBrandAsync(string name = "Acme Dental", object? extra = null)
    {
        var response = await client.PostAsJsonAsync("api/brands", extra ?? new
        {
            companyName = name,
            industry = "Dental care",
            website = "https://acme-dental.example",
            voiceAndTone = "Warm, calm, never pushy.",
            dos = new[] { "Confirm the appointment time back to the caller" },
            donts = new[] { "Give medical advice" },
            defaultLanguage = "en-US",
            defaultTimeZone = "America/Chicago",
            description = "A family dental practice in Austin.",
        });
        return await SuccessAsync(response);
    }

    public async Task<JsonElement> CreatePersonaAsync(string brandId, string name = "Ava")
    {
        var response = await client.PostAsJsonAsync("api/personas", new
        {
            brandId,
            name,
            role = "Receptionist",
            instructions = "Greet {{first_name}} and help them book a visit at {{company_name}}.",
            personalityTraits = new[] { "friendly", "patient" },
            tone = "warm",
            voice = Voice,
            capabilities = new[] { "Book appointments" },
            tools = new[] { new { name = "book_appointment", description = "Book a slot", parameters = new { type = "object", properties = new { time = new { type = "string" } } } } },
        });
        return await SuccessAsync(response);
    }

    public async Task<JsonElement> CreateAgentAsync(string personaId, string name = "Front desk", string status = "active")
    {
        var response = await client.PostAsJsonAsync("api/agents", new
        {
            personaId,
            name,
            direction = "outbound",
            greeting = "Hi {{first_name}}, this is {{persona_name}} from {{company_name}}.",
            customInstructions = "Offer the earliest slot first.",
            status,
        });
        return await SuccessAsync(response);
    }

    private static async Task<JsonElement> SuccessAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public static string Id(JsonElement element) => element.GetProperty("id").GetString()!;
}

public static class BrandingFixtureExtensions
{
    public static async Task<BrandingClient> NewTenantAsync(this ApiHostFixture host)
    {
        var tenant = await host.CreateTenantAsync();
        return new BrandingClient(host.WithKey(tenant.AdminKey));
    }
}
