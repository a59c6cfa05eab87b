using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>Accepting an invitation: the token from the link, and the name and password the person chooses.</summary>
public sealed record AcceptInvitationRequest(string? Token, string? DisplayName, string? Password)
{
    public Dictionary<string, string[]> Validate(out InvitationId invitation, out string secret, out AcceptInvitation acceptance)
    {
        var errors = new InvitationTokenRequest(Token).Validate(out invitation, out secret);
        UserRules.DisplayName(errors, "displayName", DisplayName);
        UserRules.Password(errors, "password", Password, email: null);
        acceptance = new AcceptInvitation { DisplayName = DisplayName?.Trim() ?? "", Password = Password ?? "" };
        return errors;
    }
}
