namespace VoicePlatform.Calls;

/// <summary>
/// Where the agent worker LiveKit dispatched into an inbound call's room gets that call: it proves the dispatch with
/// the job token LiveKit gave it (signed with the LiveKit API secret, joining that room only) and receives this call's
/// instructions and its own per-call credential — never one shared by every call to the number.
/// </summary>
public interface IInboundCallClaims
{
    const string Path = "/api/inbound-calls/claims";

    Task<InboundClaimReceipt> ClaimAsync(InboundClaimRequest request, string? authorization);
}
