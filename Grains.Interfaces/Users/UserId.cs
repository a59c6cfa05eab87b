using VoicePlatform.Common;

namespace VoicePlatform.Users;

/// <summary>A person who signs in to the console (<c>usr_…</c>): a tenant's admin or supervisor, or the platform's operator.</summary>
[GenerateSerializer, Immutable, Alias("vp.UserId")]
[System.Text.Json.Serialization.JsonConverter(typeof(PrefixedIdJsonConverter<UserId>))]
public readonly record struct UserId : IPrefixedId<UserId>
{
    public static string Prefix => "usr_";

    public static string Noun => "user";

    [Id(0)] public string Value { get; }

    private UserId(string value) => Value = value;

    public static UserId FromValidated(string value) => new(value);

    public override string ToString() => Value;
}
