namespace VoicePlatform.Tenants;

/// <summary>The outcome of a tenant command; expected outcomes are values, not exceptions.</summary>
[GenerateSerializer, Immutable, Alias("vp.TenantResult")]
public sealed record TenantResult
{
    [Id(0)] public required TenantOutcome Outcome { get; init; }
    [Id(1)] public TenantSnapshot? Tenant { get; init; }

    public static TenantResult NotFound { get; } = new() { Outcome = TenantOutcome.NotFound };
    public static TenantResult Conflict { get; } = new() { Outcome = TenantOutcome.Conflict };
}
