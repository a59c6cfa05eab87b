using VoicePlatform.Grains.Common;
using VoicePlatform.Users;

namespace VoicePlatform.Grains.Users;

/// <summary>An email address and the one active user that holds it (keyed by the normalised address).</summary>
[GrainType("user-email")]
public sealed class UserEmailGrain(
    [PersistentState("user-email", StorageNames.Platform)] IPersistentState<UserEmailState> state) : Grain, IUserEmailGrain
{
    public Task<UserId?> GetAsync() => Task.FromResult(state.State.User);

    public async Task<bool> ReserveAsync(UserId user)
    {
        if (state.State.User is { } holder) return holder == user;
        state.State = new UserEmailState { User = user };
        await state.WriteStateAsync();
        return true;
    }

    public async Task ReleaseAsync(UserId user)
    {
        if (state.State.User != user) return;
        state.State = new UserEmailState();
        await state.WriteStateAsync();
    }

    public async Task<SignInResult> SignInAsync(string password, SessionContext context)
    {
        if (state.State.User is { } user) return await GrainFactory.GetUser(user).SignInAsync(password, context);
        // No such account: the same work as a wrong password, so the answer's timing does not tell which it was.
        await PasswordHasher.VerifyInBackground(password, PasswordHasher.Decoy);
        return SignInResult.Failed(SignInOutcome.InvalidCredentials);
    }
}
