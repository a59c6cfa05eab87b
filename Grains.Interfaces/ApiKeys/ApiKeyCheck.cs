namespace VoicePlatform.ApiKeys;

[GenerateSerializer, Alias("vp.ApiKeyCheck")]
public enum ApiKeyCheck
{
    Valid = 0,
    UnknownKey = 1,
    WrongSecret = 2,
    Revoked = 3,
    TenantSuspended = 4,
}
