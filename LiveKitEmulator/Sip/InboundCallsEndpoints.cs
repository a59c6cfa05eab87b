using System.Text.Json;
using System.Text.Json.Nodes;

namespace VoicePlatform.LiveKitEmulator.Sip;

/// <summary>
/// Emulator-only HTTP endpoints (LiveKit has no such thing: a carrier sends the INVITE) to ring a number and to see what
/// became of the call: <c>POST /emulator/inbound-calls</c> with <c>{"from":"+1…","to":"+1…","hangUpAfterSeconds":30}</c>.
/// </summary>
public static class InboundCallsEndpoints
{
    public const string Path = "/emulator/inbound-calls";

    public static void MapInboundCalls(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, RingAsync);
        app.MapGet(Path + "/{sipCallId}", (string sipCallId, InboundCallSimulator calls) =>
            calls.Find(sipCallId) is { } call ? Results.Json(ToJson(call)) : Results.Json(Error($"No inbound call {sipCallId}."), statusCode: 404));
        app.MapGet(Path, (int? limit, InboundCallSimulator calls) =>
            Results.Json(new JsonObject { ["items"] = new JsonArray(calls.Recent(Math.Clamp(limit ?? 100, 1, 10_000)).Select(c => (JsonNode)ToJson(c)).ToArray()) }));
    }

    private static async Task<IResult> RingAsync(HttpRequest http, InboundCallSimulator calls, CancellationToken cancellationToken)
    {
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Body, cancellationToken: cancellationToken) as JsonObject;
        }
        catch (JsonException e)
        {
            return Results.Json(Error("The body is not JSON: " + e.Message), statusCode: 400);
        }

        var from = Text(body, "from");
        var to = Text(body, "to");
        if (from is null || to is null) return Results.Json(Error("Send {\"from\": caller number or \"anonymous\", \"to\": the called number}."), statusCode: 400);
        TimeSpan? hangUpAfter = null;
        if (body!["hangUpAfterSeconds"] is JsonValue seconds)
        {
            if (!seconds.TryGetValue<double>(out var value) || value < 0 || !double.IsFinite(value))
                return Results.Json(Error("hangUpAfterSeconds must be a non-negative number."), statusCode: 400);
            hangUpAfter = TimeSpan.FromSeconds(value);
        }

        var call = await calls.RingAsync(new InboundCallRequest(from, to, hangUpAfter), cancellationToken);
        return call.Status switch
        {
            "dropped" => Results.Json(ToJson(call).WithError("No dispatch rule matches this call: LiveKit drops such an INVITE without any response."), statusCode: 404),
            "unavailable" => Results.Json(ToJson(call).WithError("Several inbound trunks match this call: LiveKit answers 503."), statusCode: 503),
            _ => Results.Json(ToJson(call), statusCode: 201),
        };
    }

    private static string? Text(JsonObject? body, string name) =>
        body?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Trim().Length > 0 ? text.Trim() : null;

    private static JsonObject Error(string message) => new() { ["error"] = message };

    private static JsonObject WithError(this JsonObject json, string message)
    {
        json["error"] = message;
        return json;
    }

    public static JsonObject ToJson(InboundCall call) => new()
    {
        ["sipCallId"] = call.SipCallId,
        ["from"] = call.From,
        ["to"] = call.To,
        ["trunkId"] = call.TrunkId,
        ["ruleId"] = call.RuleId,
        ["room"] = call.Room,
        ["participantIdentity"] = call.ParticipantIdentity,
        ["status"] = call.Status,
        ["sipStatusCode"] = call.SipStatusCode,
        ["invitedAt"] = call.InvitedAt,
        ["answeredAt"] = call.AnsweredAt,
        ["endedAt"] = call.EndedAt,
        ["endedBy"] = call.EndedBy,
        ["answerMs"] = call.AnsweredAt is { } answered ? (answered - call.InvitedAt).TotalMilliseconds : null,
    };
}
