using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.ApiHost.Http;
using VoicePlatform.Security;
using VoicePlatform.Tenants;
using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>
/// A tenant admin's people: invite by email (the link is answered once), list users and open invitations, change a
/// role, remove a user (ending their sessions), withdraw an invitation. The operator has the same for its own users
/// and invites a tenant's first admin.
/// </summary>
public static class UsersApi
{
    private const string Resource = "user";

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var tenant = app.MapGroup("/api/users").WithTags("Users").WithBodyLimit(RequestLimits.Small).RequireAuthorization(PlatformPolicies.TenantAdmin);
        tenant.MapGet("/", (ClaimsPrincipal user, IGrainFactory grains) => ListAsync(grains.GetUserDirectory(user.GetTenantId())))
            .WithName("ListUsers").WithSummary("This tenant's users and open invitations");
        tenant.MapPost("/invitations", ([FromBody] InviteUserRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
                InviteAsync(grains.GetUserDirectory(user.GetTenantId()), request, UserRole.Supervisor, http, user))
            .WithName("InviteUser").WithSummary("Invite a person by email as tenant-admin or supervisor; the link is shown once");
        tenant.MapDelete("/invitations/{invitationId}", (InvitationId invitationId, ClaimsPrincipal user, IGrainFactory grains) =>
                RevokeAsync(grains.GetUserDirectory(user.GetTenantId()), invitationId))
            .WithName("WithdrawInvitation").WithSummary("Withdraw an open invitation; its link stops working");
        tenant.MapPut("/{userId}/role", (UserId userId, [FromBody] ChangeRoleRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
                ChangeRoleAsync(grains.GetUserDirectory(user.GetTenantId()), userId, request, user))
            .WithName("ChangeUserRole").WithSummary("Change a user's role (the last admin cannot stop being one)");
        tenant.MapDelete("/{userId}", (UserId userId, ClaimsPrincipal user, IGrainFactory grains) => RemoveAsync(grains.GetUserDirectory(user.GetTenantId()), userId, user))
            .WithName("RemoveUser").WithSummary("Remove a user: every session ends and the email may be invited again");

        var operatorUsers = app.MapGroup("/api/operator/users").WithTags("Operator").WithBodyLimit(RequestLimits.Small).RequireAuthorization(PlatformPolicies.Operator);
        operatorUsers.MapGet("/", (IGrainFactory grains) => ListAsync(grains.GetUserDirectory(null))).WithSummary("The operator's users and open invitations");
        operatorUsers.MapPost("/invitations", ([FromBody] InviteUserRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
                InviteAsync(grains.GetUserDirectory(null), request, UserRole.Operator, http, user))
            .WithSummary("Invite a person to sign in as the operator");
        operatorUsers.MapDelete("/invitations/{invitationId}", (InvitationId invitationId, IGrainFactory grains) => RevokeAsync(grains.GetUserDirectory(null), invitationId))
            .WithSummary("Withdraw an open operator invitation");
        operatorUsers.MapDelete("/{userId}", (UserId userId, ClaimsPrincipal user, IGrainFactory grains) => RemoveAsync(grains.GetUserDirectory(null), userId, user))
            .WithSummary("Remove an operator user");
        app.MapPost("/api/operator/tenants/{tenantId}/invitations", (TenantId tenantId, [FromBody] InviteUserRequest request, HttpContext http, ClaimsPrincipal user, IGrainFactory grains) =>
                InviteAsync(grains.GetUserDirectory(tenantId), request, UserRole.TenantAdmin, http, user))
            .WithTags("Operator").WithBodyLimit(RequestLimits.Small).RequireAuthorization(PlatformPolicies.Operator)
            .WithSummary("Invite a tenant's user (its first admin, typically)");
        return app;
    }

    public static async Task<Ok<UserDirectoryView>> ListAsync(IUserDirectoryGrain directory) => TypedResults.Ok(await directory.ListAsync());

    public static async Task<Results<Created<CreatedInvitationResponse>, ValidationProblem, ProblemHttpResult>> InviteAsync(
        IUserDirectoryGrain directory, InviteUserRequest request, UserRole defaultRole, HttpContext http, ClaimsPrincipal user)
    {
        var errors = request.Validate(user.GetActor(), defaultRole, out var invitation);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await directory.InviteAsync(invitation);
        if (result.Outcome == VoicePlatform.Common.WriteOutcome.Conflict)
            return FieldProblems.For(StatusCodes.Status409Conflict, "Already a user", "email", result.Detail!);
        if (result.Outcome != VoicePlatform.Common.WriteOutcome.Created) return result.Outcome == VoicePlatform.Common.WriteOutcome.InvalidReference
            ? WriteResults.InvalidReference(result)
            : WriteResults.Problem(result, "tenant");
        var created = result.Value!;
        var link = InvitationToken.Link(new Uri($"{http.Request.Scheme}://{http.Request.Host}"), created.Token);
        return TypedResults.Created($"/api/users/invitations/{created.Invitation.Id}", new CreatedInvitationResponse(created.Invitation, created.Token, link));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(IUserDirectoryGrain directory, InvitationId invitation) =>
        await directory.RevokeInvitationAsync(invitation) ? TypedResults.NoContent() : WriteResults.NotFound("invitation");

    public static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> ChangeRoleAsync(
        IUserDirectoryGrain directory, UserId userId, ChangeRoleRequest request, ClaimsPrincipal user)
    {
        var errors = request.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return LastAdminAware(await directory.ChangeRoleAsync(userId, request.Role!.Value, user.GetActor()), "role");
    }

    public static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> RemoveAsync(IUserDirectoryGrain directory, UserId userId, ClaimsPrincipal user) =>
        LastAdminAware(await directory.RemoveAsync(userId, user.GetActor()), "userId");

    private static Results<Ok<UserView>, ValidationProblem, ProblemHttpResult> LastAdminAware(VoicePlatform.Common.WriteResult<UserView> result, string field) =>
        result.Outcome == VoicePlatform.Common.WriteOutcome.Conflict
            ? FieldProblems.For(StatusCodes.Status409Conflict, "The last admin", field, result.Detail!)
            : result.ToHttp(Resource);
}
