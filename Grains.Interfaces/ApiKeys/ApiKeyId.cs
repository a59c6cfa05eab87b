using System.Diagnostics.CodeAnalysis;
using VoicePlatform.Common;

namespace VoicePlatform.ApiKeys;

/// <summary>The public, visible half of an API key (<c>key_</c> + 16 base32 characters); the key grain is keyed by it.</summary>
[GenerateSerializer, Immutable, Alias("vp.ApiKeyId")]
[System.Text.Json.Serialization.JsonConverter(typeof(ApiKeyIdJsonConverter))]
public readonly record struct ApiKeyId
{
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

    public override string ToString() => Value;
}
