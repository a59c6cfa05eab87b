using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Telephony;

[GenerateSerializer, Alias("vp.SipTrunkState")]
public sealed record SipTrunkState
{
    [Id(0)] public SipTrunkSettings? Settings { get; init; }
    [Id(1)] public int Revision { get; init; }
    [Id(2)] public DateTimeOffset CreatedAt { get; init; }
    [Id(3)] public DateTimeOffset UpdatedAt { get; init; }

    public bool Exists => Settings is not null;
}
