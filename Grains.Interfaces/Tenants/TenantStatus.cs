namespace VoicePlatform.Tenants;

[GenerateSerializer, Alias("vp.TenantStatus")]
public enum TenantStatus
{
    Active = 0,
    Suspended = 1,
}
