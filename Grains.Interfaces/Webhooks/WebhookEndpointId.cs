using VoicePlatform.Common;

namespace VoicePlatform.Webhooks;

/// <summary>A tenant's outbound webhook endpoint, <c>whe_</c> followed by base32 characters.</summary>
[GenerateSerializer, Immutable, Alias("vp.WebhookEndpointId")]
[System.Text.Json.Serialization.JsonConverter(typeof(PrefixedIdJsonConverter<WebhookEndpointId>))]
public readonly record struct WebhookEndpointId : IPrefixedId<WebhookEndpointId>
{
    public static string Prefix => "whe_";

    public static string Noun => "webhook endpoint";

    [Id(0)] public string Value { get; }

    private WebhookEndpointId(string value) => Value = value;

    public static WebhookEndpointId FromValidated(string value) => new(value);

    public override string ToString() => Value;
}
