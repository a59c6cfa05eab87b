using System.Net.Mail;

namespace VoicePlatform.Users;

/// <summary>What an email, a display name and a password must be; the API and the console check the same rules.</summary>
public static class UserRules
{
    public const int MaxEmailLength = 254;
    public const int MaxDisplayNameLength = 100;
    /// <summary>Long passphrases over composition rules (NIST SP 800-63B): a minimum length, a generous maximum.</summary>
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 200;
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>Emails are compared trimmed and lower-cased: the key of the email's grain.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static void Email(IDictionary<string, string[]> errors, string field, string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) { errors[field] = ["An email address is required."]; return; }
        var trimmed = email.Trim();
        if (trimmed.Length > MaxEmailLength || trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !parsed.Host.Contains('.'))
            errors[field] = ["Not an email address (name@example.com)."];
    }

    public static void DisplayName(IDictionary<string, string[]> errors, string field, string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) errors[field] = ["A name is required."];
        else if (name.Trim().Length > MaxDisplayNameLength || name.Any(char.IsControl)) errors[field] = [$"At most {MaxDisplayNameLength} printable characters."];
    }

    public static void Password(IDictionary<string, string[]> errors, string field, string? password, string? email)
    {
        if (string.IsNullOrEmpty(password)) errors[field] = ["A password is required."];
        else if (password.Length < MinPasswordLength) errors[field] = [$"At least {MinPasswordLength} characters (a few words make a good one)."];
        else if (password.Length > MaxPasswordLength) errors[field] = [$"At most {MaxPasswordLength} characters."];
        else if (email is not null && string.Equals(password.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase)) errors[field] = ["The password may not be the email address."];
    }
}
