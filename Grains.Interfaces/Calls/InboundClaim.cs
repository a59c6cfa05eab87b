namespace VoicePlatform.Calls;

/// <summary>
/// The platform's answer to an inbound job: the mode and, unless refused, the call with the dispatch metadata an
/// outbound call's agent gets (this call's compiled instructions and its own worker credential).
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.InboundClaim")]
public sealed record InboundClaim
{
    [Id(0)] public required InboundClaimMode Mode { get; init; }
    [Id(1)] public required CallId CallId { get; init; }
    /// <summary>JSON: the call's id, tenant, agent, instructions, greeting, variables and <c>workerCredential</c>; null when refused.</summary>
    [Id(2)] public string? DispatchMetadata { get; init; }
    /// <summary>What to say in <see cref="InboundClaimMode.Message"/>.</summary>
    [Id(3)] public string? Message { get; init; }

    /// <summary>Leaves the metadata out: it holds the worker's credential, and records print into logs.</summary>
    public override string ToString() => $"InboundClaim {{ Mode = {Mode}, CallId = {CallId} }}";
}
