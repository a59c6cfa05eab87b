namespace VoicePlatform.Webhooks;

/// <summary>What any endpoint's settings must be, whatever the platform's network rules (which the endpoint grain checks).</summary>
public static class WebhookEndpointRules
{
    public static Dictionary<string, string[]> Validate(WebhookEndpointSettings settings)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(settings.Url)) errors["url"] = ["Required."];
        else if (settings.Url.Length > WebhookEndpointSettings.MaxUrlLength) errors["url"] = [$"At most {WebhookEndpointSettings.MaxUrlLength} characters."];
        else if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            errors["url"] = ["Must be an absolute https URL."];
        if (settings.Description is { Length: > WebhookEndpointSettings.MaxDescriptionLength })
            errors["description"] = [$"At most {WebhookEndpointSettings.MaxDescriptionLength} characters."];
        for (var i = 0; i < settings.EventTypes.Count; i++)
        {
            var type = settings.EventTypes[i];
            if (!WebhookEventTypes.IsKnown(type)) errors[$"eventTypes[{i}]"] = [$"'{type}' is not an event type; one of: {string.Join(", ", WebhookEventTypes.All)}."];
            else if (settings.EventTypes.Take(i).Contains(type, StringComparer.Ordinal)) errors[$"eventTypes[{i}]"] = [$"'{type}' is listed twice."];
        }
        return errors;
    }
}
