using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Common;
using VoicePlatform.Security;
using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>
/// The operator's view of platform-wide claims: which tenant's record holds a number or LiveKit trunk, the contested
/// ones found when claims were introduced, and the reassignment that resolves them.
/// </summary>
public static class TelephonyClaimsApi
{
    private const string Resource = "claim";

    public static RouteGroupBuilder MapTelephonyClaimsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/operator/telephony-claims").WithTags("Operator: telephony claims").WithBodyLimit(RequestLimits.Small).RequireAuthorization(PlatformPolicies.Operator);
        api.MapGet("/conflicts", ListConflictsAsync)
            .WithSummary("List numbers and LiveKit trunks that two tenants' records carried when claims were introduced")
            .Produces<IReadOnlyList<TelephonyClaimView>>();
        api.MapGet("/numbers/{number}", GetNumberClaimAsync)
            .WithSummary("Read who holds a number on the platform").Produces<TelephonyClaimView>().ProducesValidationProblem();
        api.MapPut("/numbers/{number}/holder", ReassignNumberAsync)
            .WithSummary("Give a number to one tenant's phone-number record; the previous holder's record stops presenting it")
            .Produces<TelephonyClaimView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/livekit-trunks/{liveKitTrunkId}", GetTrunkClaimAsync)
            .WithSummary("Read who holds a LiveKit trunk on the platform").Produces<TelephonyClaimView>();
        api.MapPut("/livekit-trunks/{liveKitTrunkId}/holder", ReassignTrunkAsync)
            .WithSummary("Give a LiveKit trunk to one tenant's SIP-trunk record; the previous holder's record places no more calls")
            .Produces<TelephonyClaimView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<TelephonyClaimView>>> ListConflictsAsync(IGrainFactory grains)
    {
        var contested = await grains.GetTelephonyClaimConflicts().ListAsync();
        var views = await Task.WhenAll(contested.Select(key => grains.GetTelephonyClaim(key).GetAsync()));
        return TypedResults.Ok<IReadOnlyList<TelephonyClaimView>>(views);
    }

    public static async Task<Results<Ok<TelephonyClaimView>, ValidationProblem>> GetNumberClaimAsync(string number, IGrainFactory grains) =>
        NumberKey(number, out var key, out var errors)
            ? TypedResults.Ok(await grains.GetTelephonyClaim(key).GetAsync())
            : TypedResults.ValidationProblem(errors);

    public static async Task<Results<Ok<TelephonyClaimView>, ValidationProblem, ProblemHttpResult>> ReassignNumberAsync(string number, [FromBody] ReassignClaimRequest request, IGrainFactory grains)
    {
        if (!NumberKey(number, out var key, out var errors)) return TypedResults.ValidationProblem(errors);
        return await ReassignAsync(key, request, grains);
    }

    public static async Task<Ok<TelephonyClaimView>> GetTrunkClaimAsync(string liveKitTrunkId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetTelephonyClaim(TelephonyClaimKey.LiveKitTrunk(liveKitTrunkId)).GetAsync());

    public static Task<Results<Ok<TelephonyClaimView>, ValidationProblem, ProblemHttpResult>> ReassignTrunkAsync(string liveKitTrunkId, [FromBody] ReassignClaimRequest request, IGrainFactory grains) =>
        ReassignAsync(TelephonyClaimKey.LiveKitTrunk(liveKitTrunkId), request, grains);

    private static async Task<Results<Ok<TelephonyClaimView>, ValidationProblem, ProblemHttpResult>> ReassignAsync(TelephonyClaimKey key, ReassignClaimRequest request, IGrainFactory grains)
    {
        var errors = request.Validate(key.Kind, out var holder);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetTelephonyClaim(key).ReassignAsync(holder);
        return result.Outcome == WriteOutcome.Ok
            ? TypedResults.Ok(result.Value)
            : WriteResults.NotFound("record carrying " + key.Value);
    }

    private static bool NumberKey(string number, out TelephonyClaimKey key, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (PhoneNumberParser.TryParse(number, out var parsed, out var why))
        {
            key = TelephonyClaimKey.Number(parsed.Value);
            return true;
        }
        key = default;
        errors["number"] = [why];
        return false;
    }
}
