using VoicePlatform.Tenants;

namespace VoicePlatform.Users;

public static class GrainFactoryUserExtensions
{
    public static IUserGrain GetUser(this IGrainFactory grains, UserId id) => grains.GetGrain<IUserGrain>(id.Value);

    public static IUserEmailGrain GetUserEmail(this IGrainFactory grains, string email) => grains.GetGrain<IUserEmailGrain>(UserRules.NormalizeEmail(email));

    public static IInvitationGrain GetInvitation(this IGrainFactory grains, InvitationId id) => grains.GetGrain<IInvitationGrain>(id.Value);

    /// <summary>A tenant's people, or the operator's when <paramref name="tenant"/> is null.</summary>
    public static IUserDirectoryGrain GetUserDirectory(this IGrainFactory grains, TenantId? tenant) =>
        grains.GetGrain<IUserDirectoryGrain>(tenant?.Value ?? IUserDirectoryGrain.OperatorKey);
}
