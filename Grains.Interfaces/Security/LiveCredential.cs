using VoicePlatform.ApiKeys;
using VoicePlatform.Users;

namespace VoicePlatform.Security;

/// <summary>What a live hub connection was opened with: an API key, or a person's session (both null: neither, the development operator).</summary>
public sealed record LiveCredential(ApiKeyId? Key, UserId? User, string? Session)
{
    public static LiveCredential None { get; } = new(null, null, null);
}
