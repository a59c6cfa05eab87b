using System.Diagnostics.CodeAnalysis;
using VoicePlatform.Common;

namespace VoicePlatform.ApiKeys;

/// <summary>The public, visible half of an API key (<c>key_</c> + 16 base32 characters); the key grain is keyed by it.</summary>
[GenerateSerializer, Immutable, Alias("vp.ApiKeyId")]
[System.Text.Json.Serialization.JsonConverter(typeof(ApiKeyIdJsonConverter))]
public readonly record struct ApiKeyId : IRouteId<ApiKeyId>
{
    public static string Noun => "API key";

    private const string Prefix = "key_";
    public const int RandomLength = 16;

    [Id(0)] public string Value { get; }

    private ApiKeyId(string value) => Value = value;

    public static ApiKeyId New() => new(Prefix + RandomIds.Create(RandomLength));

    internal static ApiKeyId FromRandomPart(string randomPart) => new(Prefix + randomPart);

    internal string RandomPart => Value[Prefix.Length..];

    public static bool TryParse([NotNullWhen(true)] string? value, out ApiKeyId id)
    {
        id = default;
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        if (!RandomIds.IsValid(value.AsSpan(Prefix.Length), RandomLength, RandomLength)) return false;
        id = new ApiKeyId(value);
        return true;
    }

    static ApiKeyId IParsable<ApiKeyId>.Parse(string s, IFormatProvider? provider) =>
        TryParse(s, out var id) ? id : throw new FormatException($"'{s}' is not an API key id.");

    /// <summary>What ASP.NET Core's parameter binding looks for to bind the id from a route.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ApiKeyId result) => TryParse(s, out result);

    public override string ToString() => Value;
}
