namespace VoicePlatform.ApiKeys;

/// <summary>Role names as they appear in claims and JSON.</summary>
public static class ApiKeyRoles
{
    public const string Operator = "operator";
    public const string TenantAdmin = "tenant-admin";
    public const string Supervisor = "supervisor";
    public const string AgentWorker = "agent-worker";

    public static string ToName(this ApiKeyRole role) => role switch
    {
        ApiKeyRole.TenantAdmin => TenantAdmin,
        ApiKeyRole.Supervisor => Supervisor,
        ApiKeyRole.AgentWorker => AgentWorker,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
