using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Common;
using VoicePlatform.Security;
using VoicePlatform.Telephony;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>A tenant's caller-id numbers. Administrators write; administrators and supervisors read.</summary>
public static class PhoneNumbersApi
{
    private const string Resource = "phone number";

    public static RouteGroupBuilder MapPhoneNumbersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/phone-numbers").WithTags("Phone numbers").WithBodyLimit(RequestLimits.Small).RequireAuthorization(PlatformPolicies.TenantSupervisor);
        api.MapPost("/", CreatePhoneNumberAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Register a caller-id number (any international format; stored as E.164)")
            .Produces<PhoneNumberView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", ListPhoneNumbersAsync)
            .WithSummary("List this tenant's numbers, filtered by brandId, agentId or status, ordered by id, a page at a time")
            .Produces<Page<PhoneNumberSummary>>().ProducesValidationProblem();
        api.MapGet("/{numberId}", GetPhoneNumberAsync)
            .WithSummary("Read a number with its region and time zones; the ETag is its revision")
            .Produces<PhoneNumberView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{numberId}", UpdatePhoneNumberAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Replace a number's settings and assignments (send If-Match with its ETag to avoid overwriting a change)")
            .Produces<PhoneNumberView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapDelete("/{numberId}", DeletePhoneNumberAsync).RequireAuthorization(PlatformPolicies.TenantAdmin)
            .WithSummary("Delete a number; its E.164 may be registered again")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }

    public static async Task<Results<Created<PhoneNumberView>, Ok<PhoneNumberView>, ValidationProblem, ProblemHttpResult>> CreatePhoneNumberAsync([FromBody] PhoneNumberRequest request, ClaimsPrincipal user, IGrainFactory grains, HttpContext http)
    {
        var errors = request.Validate(out var settings);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var tenant = user.GetTenantId();
        if (!IdempotencyKeys.TryNewId<PhoneNumberId>(http.Request, tenant, out var id, out var idErrors)) return TypedResults.ValidationProblem(idErrors);
        var result = await grains.GetPhoneNumber(tenant, id).CreateAsync(settings);
        return result.ToHttp(http, n => n.Revision, Resource, n => $"/api/phone-numbers/{n.Id}");
    }

    public static async Task<Results<Ok<Page<PhoneNumberSummary>>, ValidationProblem>> ListPhoneNumbersAsync([AsParameters] PhoneNumberListQuery query, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = query.Validate(out var filter);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var page = await grains.GetTelephonyDirectory(user.GetTenantId()).ListNumbersAsync(filter, query.After, query.Limit ?? QueryFilters.DefaultLimit);
        return TypedResults.Ok(page);
    }

    public static async Task<Results<Ok<PhoneNumberView>, ProblemHttpResult>> GetPhoneNumberAsync(PhoneNumberId numberId, ClaimsPrincipal user, IGrainFactory grains, HttpContext http) =>
        (await grains.GetPhoneNumber(user.GetTenantId(), numberId).GetAsync()).ToHttp(http, n => n.Revision, Resource);

    public static async Task<Results<Created<PhoneNumberView>, Ok<PhoneNumberView>, ValidationProblem, ProblemHttpResult>> UpdatePhoneNumberAsync(
        PhoneNumberId numberId, [FromBody] PhoneNumberRequest request, ClaimsPrincipal user, IGrainFactory grains, HttpContext http)
    {
        var errors = request.Validate(out var settings);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await grains.GetPhoneNumber(user.GetTenantId(), numberId).UpdateAsync(settings, Revisions.ExpectedRevision(http.Request));
        return result.ToHttp(http, n => n.Revision, Resource);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeletePhoneNumberAsync(PhoneNumberId numberId, ClaimsPrincipal user, IGrainFactory grains, HttpContext http)
    {
        var result = await grains.GetPhoneNumber(user.GetTenantId(), numberId).DeleteAsync(Revisions.ExpectedRevision(http.Request));
        return result.Outcome == WriteOutcome.Ok ? TypedResults.NoContent() : WriteResults.Problem(result, Resource);
    }
}
