namespace VoicePlatform.Calls;

/// <summary>Who called whom: the platform dialled out, or a caller rang one of the tenant's numbers. JSON: outbound, inbound.</summary>
[GenerateSerializer, Alias("vp.CallDirection")]
public enum CallDirection
{
    Outbound = 0,
    Inbound = 1,
}
