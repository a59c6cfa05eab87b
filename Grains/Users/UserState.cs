using VoicePlatform.Users;

namespace VoicePlatform.Grains.Users;

[GenerateSerializer, Alias("vp.UserState")]
public sealed record UserState
{
    [Id(0)] public UserAccount? Account { get; init; }
    [Id(1)] public UserStatus Status { get; init; }
    [Id(2)] public DateTimeOffset? LastSignInAt { get; init; }
    [Id(3)] public IReadOnlyList<UserSession> Sessions { get; init; } = [];
}
