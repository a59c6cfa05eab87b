using VoicePlatform.Common;

namespace VoicePlatform.Campaigns;

/// <summary>An outbound campaign's id, <c>cmp_</c> followed by base32 characters.</summary>
[GenerateSerializer, Immutable, Alias("vp.CampaignId")]
[System.Text.Json.Serialization.JsonConverter(typeof(PrefixedIdJsonConverter<CampaignId>))]
public readonly record struct CampaignId : IPrefixedId<CampaignId>
{
    public static string Prefix => "cmp_";

    public static string Noun => "campaign";

    [Id(0)] public string Value { get; }

    private CampaignId(string value) => Value = value;

    public static CampaignId FromValidated(string value) => new(value);

    public override string ToString() => Value;
}
