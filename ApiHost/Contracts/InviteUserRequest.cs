using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>An invitation by email; the person chooses their own password from the link.</summary>
public sealed record InviteUserRequest(string? Email, UserRole? Role)
{
    public Dictionary<string, string[]> Validate(string invitedBy, UserRole defaultRole, out InviteUser invitation)
    {
        var errors = new Dictionary<string, string[]>();
        UserRules.Email(errors, "email", Email);
        var role = Role ?? defaultRole;
        invitation = new InviteUser { Email = Email?.Trim() ?? "", Role = role, InvitedBy = invitedBy };
        return errors;
    }
}
