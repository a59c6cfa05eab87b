namespace VoicePlatform.ApiHost.Http;

/// <summary>ETags of editable objects are their revision number; <c>If-Match</c> makes an update conditional.</summary>
public static class Revisions
{
    public static string ToETag(int revision) => $"\"{revision}\"";

    /// <summary>
    /// The revision the client expects, null when it sent no If-Match (or <c>*</c>). An If-Match that is not
    /// one of our ETags can never match, so it reads as a revision no object has (answered 412).
    /// </summary>
    public static int? ExpectedRevision(HttpRequest request)
    {
        string? header = request.Headers.IfMatch;
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*") return null;
        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        return value.Length > 2 && value[0] == '"' && value[^1] == '"' && int.TryParse(value[1..^1], out var revision) && revision >= 0
            ? revision
            : -1;
    }
}
