using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Common;
using VoicePlatform.Pricing;
using VoicePlatform.Security;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>The operator's price books, one per currency, published as immutable versions.</summary>
public static class PriceBooksApi
{
    private const string Resource = "price book";

    public static RouteGroupBuilder MapPriceBooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/operator/price-books").WithTags("Operator: pricing").WithBodyLimit(RequestLimits.Lists).RequireAuthorization(PlatformPolicies.Operator);
        api.MapGet("/{currency}", GetCurrentPriceBookAsync)
            .WithSummary("Read the current version of a currency's price book; the ETag header is its version")
            .Produces<PriceBook>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{currency}/versions/{version:int}", GetPriceBookVersionAsync)
            .WithSummary("Read one version of a currency's price book (every version is kept and never changes)")
            .Produces<PriceBook>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{currency}/versions", PublishPriceBookAsync)
            .WithSummary("Publish the next version of a currency's price book; calls already dialled keep the version they were quoted. " +
                "Idempotency-Key makes retries safe; If-Match with the current version's ETag refuses to publish over someone else's")
            .Produces<PriceBook>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }

    public static async Task<Results<Ok<PriceBook>, ValidationProblem, ProblemHttpResult>> GetCurrentPriceBookAsync(string currency, HttpContext http, IGrainFactory grains)
    {
        if (CurrencyProblem(currency) is { } problem) return problem;
        return await grains.GetPriceBook(currency).GetCurrentAsync() is { } book ? Found(http, book) : NotFound(currency);
    }

    public static async Task<Results<Ok<PriceBook>, ValidationProblem, ProblemHttpResult>> GetPriceBookVersionAsync(string currency, int version, HttpContext http, IGrainFactory grains)
    {
        if (CurrencyProblem(currency) is { } problem) return problem;
        return await grains.GetPriceBook(currency).GetVersionAsync(version) is { } book ? Found(http, book) : NotFound(currency, version);
    }

    public static async Task<Results<Created<PriceBook>, Ok<PriceBook>, ValidationProblem, ProblemHttpResult>> PublishPriceBookAsync(string currency, [FromBody] PriceBookRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (CurrencyProblem(currency) is { } problem) return problem;
        var errors = request.Validate(out var rates);
        IdempotencyKeys.TryRead(http.Request, out var key, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var result = await grains.GetPriceBook(currency).PublishAsync(new PublishPriceBook
        {
            Rates = rates,
            PublishedBy = user.GetActor(),
            IdempotencyKey = key,
            ExpectedVersion = Revisions.ExpectedRevision(http.Request),
        });
        if (result.Outcome == WriteOutcome.Conflict)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Idempotency key reused",
                detail: $"The {IdempotencyKeys.Header} already published {result.Blockers.FirstOrDefault()} with different rates.");
        }
        return result.ToHttp(http, b => b.Version, Resource, b => $"/api/operator/price-books/{b.Currency}/versions/{b.Version}");
    }

    /// <summary>400 naming <c>currency</c> unless it is an upper-case ISO 4217 code.</summary>
    public static ValidationProblem? CurrencyProblem(string currency) => Currencies.IsKnown(currency)
        ? null
        : TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["currency"] = [$"'{currency}' is not an ISO 4217 currency code; use the upper-case code, for example USD."],
        });

    private static Ok<PriceBook> Found(HttpContext http, PriceBook book)
    {
        http.Response.Headers.ETag = Revisions.ToETag(book.Version);
        return TypedResults.Ok(book);
    }

    private static ProblemHttpResult NotFound(string currency, int? version = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Price book not found",
            detail: version is null ? $"No price book has been published for {currency}." : $"The {currency} price book has no version {version}.");
}
