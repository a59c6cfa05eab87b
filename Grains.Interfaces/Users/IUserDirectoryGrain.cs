using VoicePlatform.Common;

namespace VoicePlatform.Users;

/// <summary>
/// The people of one tenant (or of the operator, keyed <see cref="OperatorKey"/>): who is a user, which invitations are
/// open, and the admin's changes to them. Keyed by the tenant id, so one tenant's admin never reaches another's users.
/// </summary>
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    public const string OperatorKey = "operator";

    /// <summary>An invitation for the email (an open one for the same email is replaced); Conflict when the email already has an account.</summary>
    Task<WriteResult<CreatedInvitation>> InviteAsync(InviteUser invitation);

    Task<UserDirectoryView> ListAsync();

    Task<bool> RevokeInvitationAsync(InvitationId invitation);

    /// <summary>Conflict when it would leave the tenant without an active admin.</summary>
    Task<WriteResult<UserView>> ChangeRoleAsync(UserId user, UserRole role, string actor);

    /// <summary>Ends every session and frees the email; Conflict when it would leave the tenant without an active admin.</summary>
    Task<WriteResult<UserView>> RemoveAsync(UserId user, string actor);

    /// <summary>Called by an invitation as it is accepted.</summary>
    Task AddMemberAsync(UserId user, InvitationId invitation);
}
