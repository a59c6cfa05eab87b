using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>The token from an invitation link (after <c>#accept=</c>), to see what it offers.</summary>
public sealed record InvitationTokenRequest(string? Token)
{
    public Dictionary<string, string[]> Validate(out InvitationId invitation, out string secret)
    {
        var errors = new Dictionary<string, string[]>();
        if (!InvitationToken.TryParse(Token, out invitation, out var parsed)) errors["token"] = ["Not an invitation token (vpi.…): copy the whole link."];
        secret = parsed ?? "";
        return errors;
    }
}
