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
        string? key = request.Headers[Header];
        if (key is null)
        {
            id = PrefixedId.New<T>();
            return true;
        }
        if (key.Length is 0 or > MaxLength || key.Any(char.IsControl))
        {
            errors[Header] = [$"1 to {MaxLength} printable characters."];
            id = default;
            return false;
        }
        id = PrefixedId.Derive<T>($"{tenant.Value}|{T.Prefix}|{key}");
        return true;
    }
}
