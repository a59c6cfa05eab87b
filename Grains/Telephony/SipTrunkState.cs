using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Telephony;

[GenerateSerializer, Alias("vp.SipTrunkState")]
public sealed record SipTrunkState
{
    [Id(0)] public SipTrunkSettings? Settings { get; init; }
    [Id(1)] public int Revision { get; init; }
    [Id(2)] public DateTimeOffset CreatedAt { get; init; }
    [Id(3)] public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Whether this record holds the LiveKit trunk's platform-wide claim; a record without it places no calls.</summary>
    [Id(4)] public bool Claimed { get; init; }
    /// <summary>The SIP password of a provisioned trunk, encrypted (<see cref="Security.SecretProtector"/>); never in the settings.</summary>
    [Id(5)] public string? EncryptedAuthPassword { get; init; }

    public bool Exists => Settings is not null;
}
