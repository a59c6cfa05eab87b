using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Common;
using VoicePlatform.Security;
using VoicePlatform.Webhooks;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>
/// The tenant's outbound webhook endpoints, their delivery logs and redelivery: administrators only, since an endpoint's
/// secret and its events' payloads (numbers, costs) are the tenant's most sensitive data.
/// </summary>
public static class WebhooksApi
{
    private const string Resource = "webhook endpoint";
    private const int MaxOverlapSeconds = 7 * 24 * 3600;

    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/webhooks").WithTags("Webhooks").WithBodyLimit(RequestLimits.Small).RequireAuthorization(PlatformPolicies.TenantAdmin);
        api.MapPost("/", CreateAsync)
            .WithSummary("Register an endpoint (https; not a private, loopback or link-local address) for some event types or all; the answer holds its signing secret, shown only now (Idempotency-Key makes retries safe)")
            .Produces<WebhookSecretIssued>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapGet("/", ListAsync)
            .WithSummary("List the endpoints, in id order, a page at a time").Produces<Page<WebhookEndpointView>>().ProducesValidationProblem();
        api.MapGet("/event-types", ListEventTypes)
            .WithSummary("Every event type an endpoint can subscribe to, with what it means").Produces<IReadOnlyList<WebhookEventType>>();
        api.MapGet("/{endpointId}", GetAsync)
            .WithSummary("Read an endpoint (never its secret); the ETag is its revision").Produces<WebhookEndpointView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{endpointId}", UpdateAsync)
            .WithSummary("Replace an endpoint's URL, description and event types; send If-Match with its ETag")
            .Produces<WebhookEndpointView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapDelete("/{endpointId}", DeleteAsync)
            .WithSummary("Delete an endpoint with its waiting deliveries").Produces<WebhookEndpointView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapPost("/{endpointId}/enable", EnableAsync)
            .WithSummary("Switch an endpoint on (after the platform disabled it, or you did); its waiting deliveries go out at once")
            .Produces<WebhookEndpointView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{endpointId}/disable", DisableAsync)
            .WithSummary("Switch an endpoint off; its events wait until it is enabled again").Produces<WebhookEndpointView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{endpointId}/rotate-secret", RotateSecretAsync)
            .WithSummary("Issue a new signing secret; the previous one keeps signing beside it for overlapSeconds (default a day), so receivers can switch without missing an event")
            .Produces<WebhookSecretIssued>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{endpointId}/deliveries", ListDeliveriesAsync)
            .WithSummary("The endpoint's delivery log, newest first: each event's status, attempts, last status code and error, filtered by status and event type")
            .Produces<Page<WebhookDelivery>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{endpointId}/deliveries/{deliveryId}", GetDeliveryAsync)
            .WithSummary("One delivery with every attempt (time, status code, latency, error) and the exact body sent")
            .Produces<WebhookDelivery>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{endpointId}/deliveries/{deliveryId}/redeliver", RedeliverAsync)
            .WithSummary("Send a delivery again now — a dead letter included — with the same event id; answers the delivery with the new attempt")
            .Produces<WebhookDelivery>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Created<WebhookSecretIssued>, Ok<WebhookSecretIssued>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        [FromBody] WebhookEndpointRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenant = user.GetTenantId();
        if (!IdempotencyKeys.TryNewId<WebhookEndpointId>(http.Request, tenant, out var id, out var errors)) return TypedResults.ValidationProblem(errors);
        errors = request.Validate(out var settings);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return (await grains.GetWebhookEndpoint(tenant, id).CreateAsync(settings))
            .ToHttp(http, issued => issued.Endpoint.Revision, Resource, issued => $"/api/webhooks/{issued.Endpoint.Id}");
    }

    public static async Task<Results<Ok<Page<WebhookEndpointView>>, ValidationProblem>> ListAsync(string? after, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = QueryFilters.Limit(limit, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await grains.GetTenantWebhooks(user.GetTenantId()).ListAsync(after, pageSize));
    }

    public static Ok<IReadOnlyList<WebhookEventType>> ListEventTypes() => TypedResults.Ok(WebhookEventTypes.Described);

    public static async Task<Results<Ok<WebhookEndpointView>, ProblemHttpResult>> GetAsync(WebhookEndpointId endpointId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetWebhookEndpoint(user.GetTenantId(), endpointId).GetAsync()).ToHttp(http, e => e.Revision, Resource);

    public static async Task<Results<Created<WebhookEndpointView>, Ok<WebhookEndpointView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        WebhookEndpointId endpointId, [FromBody] WebhookEndpointRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = request.Validate(out var settings);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return (await grains.GetWebhookEndpoint(user.GetTenantId(), endpointId).UpdateAsync(settings, Revisions.ExpectedRevision(http.Request)))
            .ToHttp(http, e => e.Revision, Resource);
    }

    public static async Task<Results<Created<WebhookEndpointView>, Ok<WebhookEndpointView>, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        WebhookEndpointId endpointId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetWebhookEndpoint(user.GetTenantId(), endpointId).DeleteAsync(Revisions.ExpectedRevision(http.Request))).ToHttp(http, e => e.Revision, Resource);

    public static async Task<Results<Created<WebhookEndpointView>, Ok<WebhookEndpointView>, ValidationProblem, ProblemHttpResult>> EnableAsync(
        WebhookEndpointId endpointId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetWebhookEndpoint(user.GetTenantId(), endpointId).SetEnabledAsync(true)).ToHttp(http, e => e.Revision, Resource);

    public static async Task<Results<Created<WebhookEndpointView>, Ok<WebhookEndpointView>, ValidationProblem, ProblemHttpResult>> DisableAsync(
        WebhookEndpointId endpointId, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetWebhookEndpoint(user.GetTenantId(), endpointId).SetEnabledAsync(false)).ToHttp(http, e => e.Revision, Resource);

    public static async Task<Results<Created<WebhookSecretIssued>, Ok<WebhookSecretIssued>, ValidationProblem, ProblemHttpResult>> RotateSecretAsync(
        WebhookEndpointId endpointId, [FromBody] RotateWebhookSecretRequest? request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        var seconds = request?.OverlapSeconds ?? (int)TimeSpan.FromDays(1).TotalSeconds;
        if (seconds is < 0 or > MaxOverlapSeconds)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["overlapSeconds"] = [$"From 0 to {MaxOverlapSeconds} (7 days)."] });
        return (await grains.GetWebhookEndpoint(user.GetTenantId(), endpointId).RotateSecretAsync(TimeSpan.FromSeconds(seconds)))
            .ToHttp(http, issued => issued.Endpoint.Revision, Resource);
    }

    public static async Task<Results<Ok<Page<WebhookDelivery>>, ValidationProblem, ProblemHttpResult>> ListDeliveriesAsync(
        WebhookEndpointId endpointId, string? status, string? eventType, string? after, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = QueryFilters.Limit(limit, errors);
        WebhookDeliveryStatus? wanted = null;
        if (status is not null)
        {
            if (KebabEnum<WebhookDeliveryStatus>.TryParse(status, out var parsed)) wanted = parsed;
            else errors["status"] = [$"One of: {string.Join(", ", KebabEnum<WebhookDeliveryStatus>.Names)}."];
        }
        if (eventType is not null && !WebhookEventTypes.IsKnown(eventType)) errors["eventType"] = [$"One of: {string.Join(", ", WebhookEventTypes.All)}."];
        if (after is not null && !DeliveryIdShape(after)) errors["after"] = ["A delivery id (dlv_ and a number) from the previous page's next."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var query = new WebhookDeliveryQuery { Status = wanted, EventType = eventType, After = after, Limit = pageSize };
        return (await grains.GetWebhookEndpoint(user.GetTenantId(), endpointId).ListDeliveriesAsync(query)).ToHttp(Resource);
    }

    public static async Task<Results<Ok<WebhookDelivery>, ProblemHttpResult>> GetDeliveryAsync(
        WebhookEndpointId endpointId, string deliveryId, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetWebhookEndpoint(user.GetTenantId(), endpointId).GetDeliveryAsync(deliveryId)).OkOrNotFound("webhook delivery");

    public static async Task<Results<Ok<WebhookDelivery>, ValidationProblem, ProblemHttpResult>> RedeliverAsync(
        WebhookEndpointId endpointId, string deliveryId, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetWebhookEndpoint(user.GetTenantId(), endpointId).RedeliverAsync(deliveryId)).ToHttp("webhook delivery");

    private static bool DeliveryIdShape(string value) =>
        value.StartsWith("dlv_", StringComparison.Ordinal) && value.Length > 4 && value.Length <= 24 && value[4..].All(char.IsAsciiDigit);
}
