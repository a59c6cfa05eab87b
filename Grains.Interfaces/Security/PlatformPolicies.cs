namespace VoicePlatform.Security;

/// <summary>Authorization policies by who may call: the operator, or a tenant's key with a given role.</summary>
public static class PlatformPolicies
{
    public const string Operator = "operator";
    public const string TenantAdmin = "tenant-admin";
    public const string TenantSupervisor = "tenant-supervisor";
    public const string TenantMember = "tenant-member";
    /// <summary>An agent worker: an agent-worker key (any call of its tenant) or a per-call credential (that call only).</summary>
    public const string AgentWorker = "agent-worker";
    /// <summary>A person signed in to the console (a session cookie, any role): their own session and password.</summary>
    public const string ConsoleUser = "console-user";
    /// <summary>A supervisor or tenant admin on the live hub, with a hub token (never a long-lived key).</summary>
    public const string LiveHub = "live-hub";
}
