using VoicePlatform.Common;

namespace VoicePlatform.Brands;

[GenerateSerializer, Immutable, Alias("vp.BrandId")]
[System.Text.Json.Serialization.JsonConverter(typeof(PrefixedIdJsonConverter<BrandId>))]
public readonly record struct BrandId : IPrefixedId<BrandId>
{
    public static string Prefix => "brd_";

    public static string Noun => "brand";

    [Id(0)] public string Value { get; }

    private BrandId(string value) => Value = value;

    public static BrandId FromValidated(string value) => new(value);

    public override string ToString() => Value;
}
