using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A console sign-in by email and password; answered with the session cookie.</summary>
public sealed record SignInRequest(string? Email, string? Password)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        UserRules.Email(errors, "email", Email);
        if (string.IsNullOrEmpty(Password)) errors["password"] = ["A password is required."];
        else if (Password.Length > UserRules.MaxPasswordLength) errors["password"] = [$"At most {UserRules.MaxPasswordLength} characters."];
        return errors;
    }
}
