using VoicePlatform.LiveKitEmulator.Auth;

namespace VoicePlatform.LiveKitEmulator.Twirp;

/// <summary>One decoded Twirp request: the verified grants (null without an Authorization header), the body and the services.</summary>
public sealed record TwirpCall(ClaimGrants? Grants, ProtoRequest Body, IServiceProvider Services, CancellationToken Aborted)
{
    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}
