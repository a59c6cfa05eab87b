using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VoicePlatform.LiveKitEmulator.Auth;
using VoicePlatform.LiveKitEmulator.Hosting;

namespace VoicePlatform.LiveKitEmulator.Agents;

/// <summary>
/// An inbound job's first step: proves to the platform that LiveKit dispatched this worker into the call's room — with
/// the job's room token, signed with the server's API secret as a LiveKit job token is — and names the caller's SIP
/// call, and receives that call's instructions and per-call credential (<c>POST api/inbound-calls/claims</c>). Retried
/// like every worker post: the claim is keyed by the SIP call id, so a repeat answers the same call.
/// </summary>
public sealed class InboundClaimClient(HttpClient http, Uri platformUrl, LiveKitEmulatorOptions options, EmulatorClock clock, ILogger logger)
{
    public const string Path = "api/inbound-calls/claims";

    /// <summary>The claim, or null when the platform refused it or never answered.</summary>
    public async Task<InboundClaim?> ClaimAsync(string room, string agentIdentity, string callerIdentity, IReadOnlyDictionary<string, string> callerAttributes,
        CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["room"] = room,
            ["sipCallId"] = callerAttributes.GetValueOrDefault("sip.callID") ?? "",
            ["callerNumber"] = callerAttributes.GetValueOrDefault("sip.phoneNumber"),
            ["calledNumber"] = callerAttributes.GetValueOrDefault("sip.trunkPhoneNumber"),
            ["trunkId"] = callerAttributes.GetValueOrDefault("sip.trunkID"),
            ["ruleId"] = callerAttributes.GetValueOrDefault("sip.ruleID"),
            ["participantIdentity"] = callerIdentity,
        };
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var token = JobToken(room, agentIdentity);
        using var response = await WorkerRequests.SendAsync(http, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platformUrl, Path)) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }, options.AgentWorker, clock, logger, $"inbound claim for room {room}", cancellationToken);
        return response is null ? null : Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>The room token LiveKit gives a worker with its job: the agent's identity, joining this room only.</summary>
    private string JobToken(string room, string identity)
    {
        var now = clock.UtcNow.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = options.ApiKey,
            ["sub"] = identity,
            ["nbf"] = now,
            ["exp"] = now + 6 * 3600,
            ["kind"] = "agent",
            ["video"] = new JsonObject { ["roomJoin"] = true, ["room"] = room, ["canPublish"] = true, ["canSubscribe"] = true, ["canPublishData"] = true, ["agent"] = true },
        };
        return JwtHs256.Sign(claims, options.ApiSecret);
    }

    private static InboundClaim? Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var mode = root.TryGetProperty("mode", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        var message = root.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()! : "";
        AgentDispatchMetadata.TryParse(json, out var call);
        return new InboundClaim(mode, call, message);
    }
}
