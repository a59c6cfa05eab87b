using VoicePlatform.Tenants;

namespace VoicePlatform.Common;

/// <summary>
/// Grain keys of tenant-owned objects: <c>{tenant id}/{object id}</c>. A caller always supplies its own
/// tenant, so another tenant's object id names an empty grain and reads as not found.
/// </summary>
public static class TenantScopedKey
{
    public static string Format<T>(TenantId tenant, T id) where T : struct, IPrefixedId<T> => $"{tenant.Value}/{id.Value}";

    public static (TenantId Tenant, T Id) Parse<T>(string key) where T : struct, IPrefixedId<T>
    {
        var slash = key.IndexOf('/');
        if (slash < 0 || !TenantId.TryParse(key[..slash], out var tenant) || !PrefixedId.TryParse<T>(key[(slash + 1)..], out var id))
            throw new FormatException($"'{key}' is not a tenant-scoped {T.Prefix}… key.");
        return (tenant, id);
    }
}
