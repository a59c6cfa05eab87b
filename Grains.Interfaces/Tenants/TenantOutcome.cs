namespace VoicePlatform.Tenants;

[GenerateSerializer, Alias("vp.TenantOutcome")]
public enum TenantOutcome
{
    Ok = 0,
    Created = 1,
    NotFound = 2,
    /// <summary>A create reused an idempotency key with a different request.</summary>
    Conflict = 3,
}
