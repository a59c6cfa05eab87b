using Microsoft.Extensions.Logging;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;
using VoicePlatform.Users;

namespace VoicePlatform.Grains.Users;

/// <summary>
/// A tenant's people (or the operator's, keyed "operator"): invitations out, users in, role changes and removals —
/// never leaving the tenant without an active admin, who is the only one able to invite the next.
/// </summary>
[GrainType("user-directory")]
public sealed class UserDirectoryGrain(
    [PersistentState("user-directory", StorageNames.Platform)] IPersistentState<UserDirectoryState> state,
    TimeProvider time,
    ILogger<UserDirectoryGrain> logger) : Grain, IUserDirectoryGrain
{
    public const int MaxMembers = 500;
    public const int MaxOpenInvitations = 200;

    private TenantId? Tenant => this.GetPrimaryKeyString() is var key && key != IUserDirectoryGrain.OperatorKey ? TenantId.FromValidated(key) : null;

    /// <summary>The role that administers this directory: tenant admins in a tenant, operators in the operator's.</summary>
    private UserRole AdminRole => Tenant is null ? UserRole.Operator : UserRole.TenantAdmin;

    public async Task<WriteResult<CreatedInvitation>> InviteAsync(InviteUser invitation)
    {
        var allowed = Tenant is null ? [UserRole.Operator] : new[] { UserRole.TenantAdmin, UserRole.Supervisor };
        if (!allowed.Contains(invitation.Role))
            return WriteResult<CreatedInvitation>.BadReference("role", Tenant is null ? "Operator invitations are for the operator role." : "A tenant's users are tenant-admin or supervisor.");
        string? tenantName = null;
        if (Tenant is { } tenant)
        {
            if (await GrainFactory.GetTenant(tenant).GetAsync() is not { } snapshot) return WriteResult<CreatedInvitation>.NotFound();
            tenantName = snapshot.Name;
        }
        var email = UserRules.NormalizeEmail(invitation.Email);
        if (await GrainFactory.GetUserEmail(email).GetAsync() is not null)
            return WriteResult<CreatedInvitation>.Conflict($"{email} already has an account.", [email]);

        var now = time.GetUtcNow();
        // An open invitation for the same address is replaced: its link stops working, the new one is the one to use.
        foreach (var replaced in state.State.Invitations.Where(i => i.Email == email))
            await GrainFactory.GetInvitation(replaced.Id).RevokeAsync();
        var open = state.State.Invitations.Where(i => i.Email != email && i.ExpiresAt > now).ToList();
        if (open.Count >= MaxOpenInvitations)
            return WriteResult<CreatedInvitation>.Conflict($"{MaxOpenInvitations} invitations are open; withdraw some first.", []);

        var id = PrefixedId.New<InvitationId>();
        var secret = RandomIds.Create(InvitationToken.SecretLength);
        var grant = new InvitationGrant
        {
            TenantId = Tenant, TenantName = tenantName, Email = email, Role = invitation.Role, InvitedBy = invitation.InvitedBy,
            SecretHash = InvitationToken.HashSecret(secret), CreatedAt = now, ExpiresAt = now + UserRules.InvitationLifetime,
        };
        await GrainFactory.GetInvitation(id).CreateAsync(grant);
        state.State = state.State with { Invitations = [.. open, new OpenInvitation { Id = id, Email = email, ExpiresAt = grant.ExpiresAt }] };
        await state.WriteStateAsync();
        logger.LogInformation("Invitation {InvitationId} ({Role}) sent by {Actor} for tenant {TenantId}", id, invitation.Role, invitation.InvitedBy, Tenant);
        var view = (await GrainFactory.GetInvitation(id).GetAsync())!;
        return WriteResult<CreatedInvitation>.Created(new CreatedInvitation { Invitation = view, Token = InvitationToken.Format(id, secret) });
    }

    public async Task<UserDirectoryView> ListAsync()
    {
        var users = await Task.WhenAll(state.State.Members.Select(m => GrainFactory.GetUser(m).GetAsync()));
        var invitations = await Task.WhenAll(state.State.Invitations.Select(i => GrainFactory.GetInvitation(i.Id).GetAsync()));
        var now = time.GetUtcNow();
        return new UserDirectoryView
        {
            Users = [.. users.OfType<UserView>().Where(u => u.Status == UserStatus.Active).OrderBy(u => u.Email, StringComparer.Ordinal)],
            Invitations = [.. invitations.OfType<InvitationView>().Where(i => i.IsPending(now)).OrderBy(i => i.CreatedAt)],
        };
    }

    public async Task<bool> RevokeInvitationAsync(InvitationId invitation)
    {
        if (state.State.Invitations.All(i => i.Id != invitation)) return false;
        var revoked = await GrainFactory.GetInvitation(invitation).RevokeAsync();
        state.State = state.State with { Invitations = state.State.Invitations.Where(i => i.Id != invitation).ToList() };
        await state.WriteStateAsync();
        return revoked;
    }

    public async Task<WriteResult<UserView>> ChangeRoleAsync(UserId user, UserRole role, string actor)
    {
        if (!state.State.Members.Contains(user)) return WriteResult<UserView>.NotFound();
        if (Tenant is not null && role is not (UserRole.TenantAdmin or UserRole.Supervisor))
            return WriteResult<UserView>.BadReference("role", "A tenant's users are tenant-admin or supervisor.");
        if (Tenant is null && role != UserRole.Operator) return WriteResult<UserView>.BadReference("role", "The operator's users have the operator role.");
        if (role != AdminRole && await IsLastAdminAsync(user))
            return WriteResult<UserView>.Conflict("This is the last admin; make someone else an admin first.", [user.Value]);
        var changed = await GrainFactory.GetUser(user).SetRoleAsync(role);
        if (changed is null) return WriteResult<UserView>.NotFound();
        logger.LogInformation("User {UserId} of tenant {TenantId} given role {Role} by {Actor}", user, Tenant, role, actor);
        return WriteResult<UserView>.Ok(changed);
    }

    public async Task<WriteResult<UserView>> RemoveAsync(UserId user, string actor)
    {
        if (!state.State.Members.Contains(user)) return WriteResult<UserView>.NotFound();
        if (await IsLastAdminAsync(user))
            return WriteResult<UserView>.Conflict("This is the last admin; make someone else an admin first.", [user.Value]);
        var removed = await GrainFactory.GetUser(user).RemoveAsync();
        state.State = state.State with { Members = state.State.Members.Where(m => m != user).ToList() };
        await state.WriteStateAsync();
        logger.LogInformation("User {UserId} removed from tenant {TenantId} by {Actor}", user, Tenant, actor);
        return removed is null ? WriteResult<UserView>.NotFound() : WriteResult<UserView>.Ok(removed);
    }

    public async Task AddMemberAsync(UserId user, InvitationId invitation)
    {
        if (state.State.Members.Contains(user)) return;
        if (state.State.Members.Count >= MaxMembers) throw new InvalidOperationException($"A tenant has at most {MaxMembers} users.");
        state.State = state.State with
        {
            Members = [.. state.State.Members, user],
            Invitations = state.State.Invitations.Where(i => i.Id != invitation).ToList(),
        };
        await state.WriteStateAsync();
    }

    private async Task<bool> IsLastAdminAsync(UserId user)
    {
        var views = await Task.WhenAll(state.State.Members.Select(m => GrainFactory.GetUser(m).GetAsync()));
        var admins = views.OfType<UserView>().Where(v => v.Status == UserStatus.Active && v.Role == AdminRole).Select(v => v.Id).ToList();
        return admins.Contains(user) && admins.Count == 1;
    }
}
