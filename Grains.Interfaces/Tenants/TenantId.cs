using System.Diagnostics.CodeAnalysis;
using VoicePlatform.Common;

namespace VoicePlatform.Tenants;

/// <summary>A tenant's id, <c>tnt_</c> followed by base32 characters. The only place that formats and parses it.</summary>
[GenerateSerializer, Immutable, Alias("vp.TenantId")]
[System.Text.Json.Serialization.JsonConverter(typeof(TenantIdJsonConverter))]
public readonly record struct TenantId
{
    private const string Prefix = "tnt_";

    [Id(0)] public string Value { get; }

    private TenantId(string value) => Value = value;

    public static TenantId New() => new(Prefix + RandomIds.Create(20));

    /// <summary>The same id for the same idempotency key, so a retried create finds the tenant it made.</summary>
    public static TenantId FromIdempotencyKey(string idempotencyKey) => new(Prefix + RandomIds.Derive("tenant:" + idempotencyKey, 20));

    public static bool TryParse([NotNullWhen(true)] string? value, out TenantId id)
    {
        id = default;
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        if (!RandomIds.IsValid(value.AsSpan(Prefix.Length), 4, 40)) return false;
        id = new TenantId(value);
        return true;
    }

    public static TenantId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a tenant id.");

    public override string ToString() => Value;
}
