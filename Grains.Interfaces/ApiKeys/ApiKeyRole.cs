namespace VoicePlatform.ApiKeys;

/// <summary>What a tenant's key may do. JSON names are kebab-case: tenant-admin, supervisor, agent-worker.</summary>
[GenerateSerializer, Alias("vp.ApiKeyRole")]
public enum ApiKeyRole
{
    /// <summary>Everything in the tenant, including its keys.</summary>
    TenantAdmin = 0,
    /// <summary>Watch, listen to and coach live calls; read campaigns.</summary>
    Supervisor = 1,
    /// <summary>An AI agent worker process reporting on the calls it serves.</summary>
    AgentWorker = 2,
}
