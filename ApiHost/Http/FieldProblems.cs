namespace VoicePlatform.ApiHost.Http;

/// <summary>A problem of any status that still names the field it is about, so a form shows it next to that field.</summary>
public static class FieldProblems
{
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult For(int status, string title, string field, string message) =>
        TypedResults.Problem(statusCode: status, title: title, detail: message,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
