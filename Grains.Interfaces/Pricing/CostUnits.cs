namespace VoicePlatform.Pricing;

/// <summary>The <see cref="CostComponent.Unit"/> names, and how many of each unit a rate is quoted for.</summary>
public static class CostUnits
{
    public const string Second = "second";
    public const string AudioMillisecond = "audio-millisecond";
    public const string Token = "token";
    public const string Character = "character";

    public const long SecondsPerMinute = 60;
    public const long AudioMillisecondsPerMinute = 60_000;
    public const long PerMillion = 1_000_000;
}
