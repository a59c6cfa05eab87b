using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Users;

namespace VoicePlatform.Grains.Users;

/// <summary>
/// One invitation. Accepting it creates the user under an id derived from the invitation, so an acceptance retried
/// after a lost answer (or a crash half-way) finishes the same account rather than making a second one.
/// </summary>
[GrainType("invitation")]
public sealed class InvitationGrain(
    [PersistentState("invitation", StorageNames.Platform)] IPersistentState<InvitationState> state,
    TimeProvider time,
    ILogger<InvitationGrain> logger) : Grain, IInvitationGrain
{
    private InvitationId Id => InvitationId.FromValidated(this.GetPrimaryKeyString());

    public async Task CreateAsync(InvitationGrant grant)
    {
        if (state.State.Grant is { } existing)
        {
            if (existing == grant) return;
            throw new InvalidOperationException("This invitation id is already used.");
        }
        state.State = new InvitationState { Grant = grant };
        await state.WriteStateAsync();
    }

    public Task<InvitationView?> PreviewAsync(string secret) =>
        Task.FromResult(SecretMatches(secret) && View() is { } view && view.IsPending(time.GetUtcNow()) ? view : null);

    public Task<InvitationView?> GetAsync() => Task.FromResult(View());

    public async Task<AcceptInvitationResult> AcceptAsync(string secret, AcceptInvitation acceptance, SessionContext context)
    {
        if (state.State.Grant is not { } grant || !SecretMatches(secret)) return AcceptInvitationResult.Refused("This invitation link is not valid.");
        if (state.State.AcceptedBy is { } accepted)
        {
            // The same person retrying (the first answer lost): the password they chose signs them in.
            var again = await GrainFactory.GetUser(accepted).SignInAsync(acceptance.Password, context);
            return again.Outcome == SignInOutcome.SignedIn
                ? new AcceptInvitationResult { SignedIn = again }
                : AcceptInvitationResult.Refused("This invitation has already been accepted; sign in instead.");
        }
        if (state.State.RevokedAt is not null) return AcceptInvitationResult.Refused("This invitation was withdrawn; ask for a new one.");
        if (grant.ExpiresAt <= time.GetUtcNow()) return AcceptInvitationResult.Refused("This invitation has expired; ask for a new one.");

        var userId = PrefixedId.Derive<UserId>("invitation:" + Id.Value);
        if (!await GrainFactory.GetUserEmail(grant.Email).ReserveAsync(userId))
            return AcceptInvitationResult.Refused("An account with this email address already exists; sign in instead.");
        await GrainFactory.GetUser(userId).CreateAsync(new NewUser
        {
            Email = grant.Email, DisplayName = acceptance.DisplayName, Password = acceptance.Password, Role = grant.Role, TenantId = grant.TenantId,
            InvitedBy = grant.InvitedBy,
        });
        state.State = state.State with { AcceptedAt = time.GetUtcNow(), AcceptedBy = userId };
        await state.WriteStateAsync();
        await GrainFactory.GetUserDirectory(grant.TenantId).AddMemberAsync(userId, Id);
        logger.LogInformation("Invitation {InvitationId} accepted: user {UserId} of tenant {TenantId}", Id, userId, grant.TenantId);
        var signedIn = await GrainFactory.GetUser(userId).SignInAsync(acceptance.Password, context);
        // Only a retry whose first attempt created the account with another password lands here refused.
        return signedIn.Outcome == SignInOutcome.SignedIn
            ? new AcceptInvitationResult { SignedIn = signedIn }
            : AcceptInvitationResult.Refused("This invitation has already been accepted; sign in instead.");
    }

    public async Task<bool> RevokeAsync()
    {
        if (state.State.Grant is null || state.State.AcceptedBy is not null) return false;
        if (state.State.RevokedAt is not null) return true;
        state.State = state.State with { RevokedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        return true;
    }

    private bool SecretMatches(string secret) =>
        state.State.Grant is { } grant
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(InvitationToken.HashSecret(secret)), Encoding.ASCII.GetBytes(grant.SecretHash));

    private InvitationView? View() => state.State.Grant is not { } grant ? null : new InvitationView
    {
        Id = Id, Email = grant.Email, Role = grant.Role, TenantId = grant.TenantId, TenantName = grant.TenantName, InvitedBy = grant.InvitedBy,
        CreatedAt = grant.CreatedAt, ExpiresAt = grant.ExpiresAt, AcceptedAt = state.State.AcceptedAt, RevokedAt = state.State.RevokedAt,
    };
}
