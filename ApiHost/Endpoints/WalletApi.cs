using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Common;
using VoicePlatform.Security;
using VoicePlatform.Tenants;
using VoicePlatform.Wallets;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>
/// The prepaid wallet. A tenant's administrators and supervisors read their own wallet and ledger; only the operator
/// adds money. There is no tenant route that credits, and a tenant key on the operator routes is refused (403).
/// Amounts are integer minor units of the tenant's currency.
/// </summary>
public static class WalletApi
{
    public static IEndpointRouteBuilder MapWalletApi(this IEndpointRouteBuilder app)
    {
        var tenant = app.MapGroup("/api/wallet").WithTags("Wallet").WithBodyLimit(RequestLimits.Small).RequireAuthorization(PlatformPolicies.TenantSupervisor);
        tenant.MapGet("/", GetWalletAsync)
            .WithSummary("Read this tenant's wallet: balance, reserved and available money (minor units), the low-balance threshold and whether available is below it");
        tenant.MapGet("/ledger", ListLedgerAsync)
            .WithSummary("List this tenant's ledger entries, newest first (by sequence), optionally within an entry time from/to, a page at a time");

        var operatorApi = app.MapGroup("/api/operator/tenants/{tenantId}/wallet").WithTags("Operator: wallets").WithBodyLimit(RequestLimits.Small).RequireAuthorization(PlatformPolicies.Operator);
        operatorApi.MapGet("/", GetTenantWalletAsync).WithSummary("Read a tenant's wallet").ProducesProblem(StatusCodes.Status404NotFound);
        operatorApi.MapGet("/ledger", ListTenantLedgerAsync).WithSummary("List a tenant's ledger entries, newest first, a page at a time");
        operatorApi.MapPost("/credits", CreditAsync)
            .WithSummary("Credit a tenant's wallet (top-up, bonus, refund, adjustment); Idempotency-Key is required and a retry credits once")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Ok<WalletView>> GetWalletAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetWallet(user.GetTenantId()).GetAsync());

    public static async Task<Results<Ok<Page<WalletLedgerEntry>>, ValidationProblem>> ListLedgerAsync(
        [AsParameters] LedgerRequestQuery query, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = query.Validate(out var filter);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await grains.GetWalletLedger(user.GetTenantId()).ListAsync(filter));
    }

    public static async Task<Results<Ok<WalletView>, ProblemHttpResult>> GetTenantWalletAsync(TenantId tenantId, IGrainFactory grains) =>
        await grains.GetWallet(tenantId).FindAsync() is { } wallet
            ? TypedResults.Ok(wallet)
            : WriteResults.TenantNotFound(tenantId);

    /// <summary>A well-formed id of a tenant that does not exist has an empty ledger; a malformed one is 404.</summary>
    public static async Task<Results<Ok<Page<WalletLedgerEntry>>, ValidationProblem, ProblemHttpResult>> ListTenantLedgerAsync(
        TenantId tenantId, [AsParameters] LedgerRequestQuery query, IGrainFactory grains)
    {
        var errors = query.Validate(out var filter);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await grains.GetWalletLedger(tenantId).ListAsync(filter));
    }

    public static async Task<Results<Created<WalletCreditReceipt>, Ok<WalletCreditReceipt>, ValidationProblem, ProblemHttpResult>> CreditAsync(
        TenantId tenantId, [FromBody] CreditRequest request, [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey,
        ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = request.Validate(idempotencyKey, user.GetActor(), out var credit);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var result = await grains.GetWallet(tenantId).CreditAsync(credit);
        var receipt = new WalletCreditReceipt(result.Reference ?? "", credit.Kind, credit.Amount, credit.Note, result.Sequence, result.Balance, result.Reserved);
        return result.Status switch
        {
            WalletOperationStatus.Applied => TypedResults.Created((string?)null, receipt),
            WalletOperationStatus.Replayed => TypedResults.Ok(receipt),
            WalletOperationStatus.TenantNotFound => WriteResults.TenantNotFound(tenantId),
            WalletOperationStatus.InsufficientFunds => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Insufficient funds",
                detail: $"An adjustment of {credit.Amount} would take more than the {result.Balance - result.Reserved} available; nothing changed."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Idempotency key reused",
                detail: $"The {IdempotencyKeys.Header} was already used for a different credit of this tenant; nothing changed."),
        };
    }
}
