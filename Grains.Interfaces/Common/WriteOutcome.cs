namespace VoicePlatform.Common;

/// <summary>How a change to a tenant-owned object went; the API maps each to one status code.</summary>
[GenerateSerializer, Alias("vp.WriteOutcome")]
public enum WriteOutcome
{
    Ok = 0,
    Created = 1,
    NotFound = 2,
    /// <summary>The caller's If-Match revision is stale (412).</summary>
    PreconditionFailed = 3,
    /// <summary>The change conflicts with other objects, e.g. a brand still in use (409).</summary>
    Conflict = 4,
    /// <summary>A referenced object (brand, persona, number) does not exist in this tenant (400 naming the field).</summary>
    InvalidReference = 5,
}
