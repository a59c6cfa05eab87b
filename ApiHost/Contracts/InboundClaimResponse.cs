using System.Text.Json.Nodes;
using VoicePlatform.Calls;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>
/// What the worker does with the inbound call (<c>converse</c>, <c>message</c>, <c>refuse</c>) and, unless refused, the same
/// fields an outbound call's dispatch metadata has: callId, workerCredential, tenantId, agentId, instructions, greeting,
/// variables; plus the message to say.
/// </summary>
public sealed record InboundClaimResponse
{
    public required InboundClaimMode Mode { get; init; }
    public required CallId CallId { get; init; }
    public string? Message { get; init; }
    public string? WorkerCredential { get; init; }
    public string? TenantId { get; init; }
    public string? AgentId { get; init; }
    public string? Instructions { get; init; }
    public string? Greeting { get; init; }
    public string? VoicemailMessage { get; init; }
    public IReadOnlyDictionary<string, string>? Variables { get; init; }

    public static InboundClaimResponse From(InboundClaim claim)
    {
        var metadata = claim.DispatchMetadata is { } json ? JsonNode.Parse(json) as JsonObject : null;
        return new InboundClaimResponse
        {
            Mode = claim.Mode,
            CallId = claim.CallId,
            Message = claim.Message,
            WorkerCredential = Text(metadata, "workerCredential"),
            TenantId = Text(metadata, "tenantId"),
            AgentId = Text(metadata, "agentId"),
            Instructions = Text(metadata, "instructions"),
            Greeting = Text(metadata, "greeting"),
            VoicemailMessage = Text(metadata, "voicemailMessage"),
            Variables = metadata?["variables"] is JsonObject variables
                ? variables.Where(v => v.Value is JsonValue).ToDictionary(v => v.Key, v => v.Value!.GetValue<string>())
                : null,
        };
    }

    private static string? Text(JsonObject? json, string name) => json?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
