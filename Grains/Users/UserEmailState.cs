using VoicePlatform.Users;

namespace VoicePlatform.Grains.Users;

[GenerateSerializer, Alias("vp.UserEmailState")]
public sealed record UserEmailState
{
    [Id(0)] public UserId? User { get; init; }
}
