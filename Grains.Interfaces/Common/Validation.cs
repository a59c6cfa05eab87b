namespace VoicePlatform.Common;

/// <summary>
/// Field checks shared by API request validation and grains, each recording an error under the field's
/// JSON path so a 400 names exactly what is wrong.
/// </summary>
public static class Validation
{
    public static void Required(IDictionary<string, string[]> errors, string field, string? value, int maxLength, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ["Required."];
        else Text(errors, field, value, maxLength, multiline);
    }

    public static void Text(IDictionary<string, string[]> errors, string field, string? value, int maxLength, bool multiline = false)
    {
        if (value is null) return;
        if (value.Length > maxLength) errors[field] = [$"At most {maxLength} characters."];
        else if (value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))) errors[field] = ["Control characters are not allowed."];
    }

    public static void HttpUrl(IDictionary<string, string[]> errors, string field, string? value)
    {
        if (value is null) return;
        if (value.Length > 2048 || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            errors[field] = ["An absolute http(s) URL is required."];
    }

    public static void TimeZone(IDictionary<string, string[]> errors, string field, string? value)
    {
        if (value is null) return;
        if (value.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(value, out var zone) || !zone.HasIanaId)
            errors[field] = [$"'{value}' is not an IANA time zone (for example America/New_York)."];
    }

    /// <summary>A BCP 47 language tag such as en, en-US or pt-BR.</summary>
    public static void Language(IDictionary<string, string[]> errors, string field, string? value)
    {
        if (value is null) return;
        if (!System.Text.RegularExpressions.Regex.IsMatch(value, "^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"))
            errors[field] = [$"'{value}' is not a language tag (for example en-US)."];
    }

    public static void Range(IDictionary<string, string[]> errors, string field, double? value, double min, double max)
    {
        if (value is null) return;
        if (double.IsNaN(value.Value) || value < min || value > max) errors[field] = [$"Between {min} and {max}."];
    }

    public static void Items(IDictionary<string, string[]> errors, string field, IReadOnlyList<string>? values, int maxCount, int maxLength)
    {
        if (values is null) return;
        if (values.Count > maxCount) { errors[field] = [$"At most {maxCount} items."]; return; }
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i])) errors[$"{field}[{i}]"] = ["Must not be empty."];
            else Text(errors, $"{field}[{i}]", values[i], maxLength);
        }
    }

    public static void ThrowIfAny(IDictionary<string, string[]> errors)
    {
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }
}
