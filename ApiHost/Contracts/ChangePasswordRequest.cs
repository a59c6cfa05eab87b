using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Contracts;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword)
{
    public Dictionary<string, string[]> Validate(string email)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(CurrentPassword)) errors["currentPassword"] = ["The current password is required."];
        UserRules.Password(errors, "newPassword", NewPassword, email);
        return errors;
    }
}
