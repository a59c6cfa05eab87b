namespace VoicePlatform.DoNotCall;

/// <summary>How a number came onto a tenant's do-not-call list.</summary>
[GenerateSerializer, Alias("vp.DoNotCallSource")]
public enum DoNotCallSource
{
    /// <summary>A person or system added it through the API.</summary>
    Api = 0,
    /// <summary>A bulk import of the tenant's own list.</summary>
    Import = 1,
    /// <summary>The callee asked, and the agent worker reported a do-not-call outcome.</summary>
    CallOutcome = 2,
}
