using System.Diagnostics.CodeAnalysis;
using VoicePlatform.Common;

namespace VoicePlatform.Tenants;

/// <summary>A tenant's id, <c>tnt_</c> followed by base32 characters; formatted and parsed by <see cref="PrefixedId"/> like every id.</summary>
[GenerateSerializer, Immutable, Alias("vp.TenantId")]
[System.Text.Json.Serialization.JsonConverter(typeof(PrefixedIdJsonConverter<TenantId>))]
public readonly record struct TenantId : IPrefixedId<TenantId>
{
    public static string Prefix => "tnt_";

    public static string Noun => "tenant";

    [Id(0)] public string Value { get; }

    private TenantId(string value) => Value = value;

    public static TenantId FromValidated(string value) => new(value);

    public static TenantId New() => PrefixedId.New<TenantId>();

    /// <summary>The same id for the same idempotency key, so a retried create finds the tenant it made.</summary>
    public static TenantId FromIdempotencyKey(string idempotencyKey) => PrefixedId.Derive<TenantId>("tenant:" + idempotencyKey);

    public static bool TryParse([NotNullWhen(true)] string? value, out TenantId id) => PrefixedId.TryParse(value, out id);

    public static TenantId Parse(string value) => PrefixedId.Parse<TenantId>(value);

    public override string ToString() => Value;
}
