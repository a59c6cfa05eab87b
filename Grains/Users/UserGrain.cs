using Microsoft.Extensions.Logging;
using VoicePlatform.Common;
using VoicePlatform.Grains.Common;
using VoicePlatform.Tenants;
using VoicePlatform.Users;

namespace VoicePlatform.Grains.Users;

/// <summary>
/// One person's account. Passwords are checked and hashed off the grain's scheduler; sessions are kept as hashes and
/// ended by sign-out, sign-out everywhere, a password change, removal, expiry or idleness. A suspended tenant's users
/// cannot sign in, and their sessions stop working until it is active again.
/// </summary>
[GrainType("user")]
public sealed class UserGrain(
    [PersistentState("user", StorageNames.Platform)] IPersistentState<UserState> state,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private UserId Id => UserId.FromValidated(this.GetPrimaryKeyString());

    private UserAccount? Account => state.State.Account;

    public async Task<UserView> CreateAsync(NewUser user)
    {
        if (Account is { } existing)
        {
            if (existing.Email == UserRules.NormalizeEmail(user.Email) && existing.TenantId == user.TenantId) return View(existing);
            throw new InvalidOperationException("This user id is already taken.");
        }
        var account = new UserAccount
        {
            Email = UserRules.NormalizeEmail(user.Email), DisplayName = user.DisplayName.Trim(), Role = user.Role, TenantId = user.TenantId,
            PasswordHash = await PasswordHasher.HashInBackground(user.Password), CreatedAt = time.GetUtcNow(), InvitedBy = user.InvitedBy,
        };
        state.State = new UserState { Account = account };
        await state.WriteStateAsync();
        logger.LogInformation("User {UserId} ({Role}) created for tenant {TenantId}", Id, account.Role, account.TenantId);
        return View(account);
    }

    public Task<UserView?> GetAsync() => Task.FromResult(Account is { } account ? View(account) : null);

    public async Task<SignInResult> SignInAsync(string password, SessionContext context)
    {
        if (Account is not { } account || state.State.Status != UserStatus.Active)
        {
            // The same work as a real check, so a removed account reads like a wrong password.
            await PasswordHasher.VerifyInBackground(password, PasswordHasher.Decoy);
            return SignInResult.Failed(SignInOutcome.InvalidCredentials);
        }
        if (!await PasswordHasher.VerifyInBackground(password, account.PasswordHash))
        {
            logger.LogInformation("Sign-in refused for user {UserId}: wrong password", Id);
            return SignInResult.Failed(SignInOutcome.InvalidCredentials);
        }
        if (!await TenantIsActiveAsync(account)) return SignInResult.Failed(SignInOutcome.TenantSuspended);

        var now = time.GetUtcNow();
        var sessionId = RandomIds.Create(SessionToken.SessionIdLength);
        var secret = RandomIds.Create(SessionToken.SecretLength);
        var session = new UserSession
        {
            Id = sessionId, SecretHash = SessionToken.HashSecret(secret), CreatedAt = now, ExpiresAt = now + SessionPolicy.Lifetime, LastSeenAt = now,
            Address = context.Address, UserAgent = Truncate(context.UserAgent, SessionPolicy.MaxUserAgentLength),
        };
        var sessions = state.State.Sessions.Where(s => SessionPolicy.IsLive(s, now)).Append(session)
            .OrderByDescending(s => s.CreatedAt).Take(SessionPolicy.MaxSessions).ToList();
        if (PasswordHasher.NeedsRehash(account.PasswordHash))
            account = account with { PasswordHash = await PasswordHasher.HashInBackground(password) };
        state.State = state.State with { Account = account, Sessions = sessions, LastSignInAt = now };
        await state.WriteStateAsync();
        logger.LogInformation("User {UserId} signed in (session {SessionId})", Id, sessionId);
        return new SignInResult
        {
            Outcome = SignInOutcome.SignedIn, SessionToken = SessionToken.Format(Id, sessionId, secret), User = View(account), ExpiresAt = session.ExpiresAt,
        };
    }

    public async Task<SessionCheck> AuthenticateSessionAsync(string sessionId, string secret)
    {
        if (Account is not { } account || state.State.Status != UserStatus.Active) return SessionCheck.Invalid("The session has ended; sign in again.");
        var session = state.State.Sessions.FirstOrDefault(s => s.Id == sessionId);
        if (session is null || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(session.SecretHash), System.Text.Encoding.ASCII.GetBytes(SessionToken.HashSecret(secret))))
            return SessionCheck.Invalid("The session has ended; sign in again.");
        var now = time.GetUtcNow();
        if (!SessionPolicy.IsLive(session, now))
        {
            state.State = state.State with { Sessions = state.State.Sessions.Where(s => s.Id != sessionId).ToList() };
            await state.WriteStateAsync();
            return SessionCheck.Invalid("The session has expired; sign in again.");
        }
        if (!await TenantIsActiveAsync(account)) return SessionCheck.Invalid("Your organisation's account is suspended.");
        if (now - session.LastSeenAt >= SessionPolicy.TouchInterval)
        {
            state.State = state.State with { Sessions = state.State.Sessions.Select(s => s.Id == sessionId ? s with { LastSeenAt = now } : s).ToList() };
            await state.WriteStateAsync();
        }
        return new SessionCheck { User = View(account), ExpiresAt = Min(session.ExpiresAt, now + SessionPolicy.IdleTimeout) };
    }

    public async Task<bool> KeepsSessionAsync(string sessionId)
    {
        if (Account is not { } account || state.State.Status != UserStatus.Active) return false;
        var session = state.State.Sessions.FirstOrDefault(s => s.Id == sessionId);
        var now = time.GetUtcNow();
        if (session is null || !SessionPolicy.IsLive(session, now) || !await TenantIsActiveAsync(account)) return false;
        if (now - session.LastSeenAt >= SessionPolicy.TouchInterval)
        {
            state.State = state.State with { Sessions = state.State.Sessions.Select(s => s.Id == sessionId ? s with { LastSeenAt = now } : s).ToList() };
            await state.WriteStateAsync();
        }
        return true;
    }

    public async Task SignOutAsync(string sessionId)
    {
        if (state.State.Sessions.All(s => s.Id != sessionId)) return;
        state.State = state.State with { Sessions = state.State.Sessions.Where(s => s.Id != sessionId).ToList() };
        await state.WriteStateAsync();
        logger.LogInformation("User {UserId} signed out (session {SessionId})", Id, sessionId);
    }

    public async Task SignOutEverywhereAsync()
    {
        if (state.State.Sessions.Count == 0) return;
        var ended = state.State.Sessions.Count;
        state.State = state.State with { Sessions = [] };
        await state.WriteStateAsync();
        logger.LogInformation("User {UserId} signed out everywhere ({Sessions} sessions ended)", Id, ended);
    }

    public async Task<WriteResult<UserView>> ChangePasswordAsync(string sessionId, string currentPassword, string newPassword)
    {
        if (Account is not { } account || state.State.Status != UserStatus.Active) return WriteResult<UserView>.NotFound();
        if (!await PasswordHasher.VerifyInBackground(currentPassword, account.PasswordHash))
            return WriteResult<UserView>.BadReference("currentPassword", "The current password is not right.");
        account = account with { PasswordHash = await PasswordHasher.HashInBackground(newPassword) };
        // A changed password is often a suspicion: every other browser signs in again.
        state.State = state.State with { Account = account, Sessions = state.State.Sessions.Where(s => s.Id == sessionId).ToList() };
        await state.WriteStateAsync();
        logger.LogInformation("User {UserId} changed their password; other sessions ended", Id);
        return WriteResult<UserView>.Ok(View(account));
    }

    public async Task<UserView?> SetRoleAsync(UserRole role)
    {
        if (Account is not { } account || state.State.Status != UserStatus.Active) return null;
        if (account.Role == role) return View(account);
        state.State = state.State with { Account = account with { Role = role } };
        await state.WriteStateAsync();
        return View(state.State.Account!);
    }

    public async Task<UserView?> RemoveAsync()
    {
        if (Account is not { } account) return null;
        if (state.State.Status == UserStatus.Removed) return View(account);
        state.State = state.State with { Status = UserStatus.Removed, Sessions = [] };
        await state.WriteStateAsync();
        await GrainFactory.GetUserEmail(account.Email).ReleaseAsync(Id);
        return View(account);
    }

    private async Task<bool> TenantIsActiveAsync(UserAccount account) =>
        account.TenantId is not { } tenant || (await GrainFactory.GetTenant(tenant).GetAsync())?.Status == TenantStatus.Active;

    private UserView View(UserAccount account)
    {
        var now = time.GetUtcNow();
        return new UserView
        {
            Id = Id, Email = account.Email, DisplayName = account.DisplayName, Role = account.Role, TenantId = account.TenantId, Status = state.State.Status,
            CreatedAt = account.CreatedAt, LastSignInAt = state.State.LastSignInAt, InvitedBy = account.InvitedBy,
            ActiveSessions = state.State.Sessions.Count(s => SessionPolicy.IsLive(s, now)),
        };
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
