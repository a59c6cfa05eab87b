using VoicePlatform.Webhooks;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>An endpoint to create or replace: where events go (https), what it is for, and which event types (none: all).</summary>
public sealed record WebhookEndpointRequest(string? Url, string? Description, IReadOnlyList<string>? EventTypes)
{
    public Dictionary<string, string[]> Validate(out WebhookEndpointSettings settings)
    {
        settings = new WebhookEndpointSettings
        {
            Url = Url?.Trim() ?? "",
            Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            EventTypes = EventTypes ?? [],
        };
        return WebhookEndpointRules.Validate(settings);
    }
}
