using VoicePlatform.Common;
using VoicePlatform.Tenants;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// Creates take an optional <c>Idempotency-Key</c> header. The new object's id is derived from the tenant,
/// the resource and the key, so a retried create names the same grain, which answers the first result.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    public static bool TryNewId<T>(HttpRequest request, TenantId tenant, out T id, out Dictionary<string, string[]> errors) where T : struct, IPrefixedId<T>
    {
        errors = [];
        id = default;
        if (!TryRead(request, out var key, errors)) return false;
        id = key is null ? PrefixedId.New<T>() : PrefixedId.Derive<T>($"{tenant.Value}|{T.Prefix}|{key}");
        return true;
    }

    /// <summary>The header's key, null when absent; false (with the error recorded) when it is malformed.</summary>
    public static bool TryRead(HttpRequest request, out string? key, IDictionary<string, string[]> errors)
    {
        key = request.Headers[Header];
        if (key is null || (key.Length is > 0 and <= MaxLength && !key.Any(char.IsControl))) return true;
        errors[Header] = [$"1 to {MaxLength} printable characters."];
        return false;
    }
}
