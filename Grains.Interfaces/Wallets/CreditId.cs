using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.Wallets;

/// <summary>
/// The ledger reference of an operator credit, <c>crd_</c> followed by base32 characters. Derived from the tenant and
/// the credit's idempotency key, so a retried credit names the same id; a client's own payment ids never become one.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.CreditId")]
[System.Text.Json.Serialization.JsonConverter(typeof(PrefixedIdJsonConverter<CreditId>))]
public readonly record struct CreditId : IPrefixedId<CreditId>
{
    public static string Prefix => "crd_";

    public static string Noun => "credit";

    [Id(0)] public string Value { get; }

    private CreditId(string value) => Value = value;

    public static CreditId FromValidated(string value) => new(value);

    public static CreditId For(TenantId tenant, string idempotencyKey) => PrefixedId.Derive<CreditId>($"{tenant.Value}|credit|{idempotencyKey}");

    public override string ToString() => Value;
}
