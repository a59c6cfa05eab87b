using System.Text.Json;

namespace VoicePlatform.ApiHost.Http;

/// <summary>Enum values in query strings, spelled as in JSON bodies (kebab-case: tenant-admin, archived).</summary>
public static class KebabEnum
{
    public static bool TryParse<T>(string? value, out T? result) where T : struct, Enum
    {
        result = null;
        if (value is null) return true;
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (JsonNamingPolicy.KebabCaseLower.ConvertName(candidate.ToString()) == value)
            {
                result = candidate;
                return true;
            }
        }
        return false;
    }

    public static string[] Names<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString())).ToArray();
}
