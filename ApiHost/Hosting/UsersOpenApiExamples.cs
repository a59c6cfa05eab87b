using VoicePlatform.ApiHost.Contracts;
using VoicePlatform.Common;
using VoicePlatform.Tenants;
using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>OpenAPI examples of the console's people routes: an invitation, its acceptance, a session and a tenant's users.</summary>
public static class UsersOpenApiExamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);
    private static readonly TenantId Tenant = TenantId.FromIdempotencyKey("example");
    private static readonly InvitationId Invitation = PrefixedId.Derive<InvitationId>("example");
    private const string Token = "vpi.inv_abcdefghijklmnopqrst.abcdefghijklmnopqrstuvwxyz234567abcdefghijk";

    private static readonly UserView User = new()
    {
        Id = PrefixedId.Derive<UserId>("example"), Email = "ada@northwind.example", DisplayName = "Ada Lovelace", Role = UserRole.TenantAdmin,
        TenantId = Tenant, Status = UserStatus.Active, CreatedAt = At, LastSignInAt = At, ActiveSessions = 2, InvitedBy = "operator@platform.example",
    };

    private static readonly InvitationView InvitationSample = new()
    {
        Id = Invitation, Email = "sam@northwind.example", Role = UserRole.Supervisor, TenantId = Tenant, TenantName = "Northwind Agency",
        InvitedBy = User.Email, CreatedAt = At, ExpiresAt = At + UserRules.InvitationLifetime,
    };

    public static IEnumerable<KeyValuePair<Type, object>> Samples =>
    [
        new(typeof(SignInRequest), new SignInRequest(User.Email, "correct horse battery staple")),
        new(typeof(SessionResponse), new SessionResponse(User, "Jx1m3kQ0b8Zr2a9WnP4sVt7yLc5eH6dG0fKiUoRqAzE")),
        new(typeof(ChangePasswordRequest), new ChangePasswordRequest("correct horse battery staple", "a longer passphrase for 2027")),
        new(typeof(InvitationTokenRequest), new InvitationTokenRequest(Token)),
        new(typeof(AcceptInvitationRequest), new AcceptInvitationRequest(Token, "Sam Rivera", "a passphrase Sam chose")),
        new(typeof(InviteUserRequest), new InviteUserRequest(InvitationSample.Email, UserRole.Supervisor)),
        new(typeof(CreatedInvitationResponse), new CreatedInvitationResponse(InvitationSample, Token, "https://voice.example.com/app/#accept=" + Token)),
        new(typeof(ChangeRoleRequest), new ChangeRoleRequest(UserRole.TenantAdmin)),
        new(typeof(InvitationView), InvitationSample),
        new(typeof(UserView), User),
        new(typeof(UserDirectoryView), new UserDirectoryView { Users = [User], Invitations = [InvitationSample] }),
        new(typeof(Page<VoicePlatform.Audit.AuditEntry>), new Page<VoicePlatform.Audit.AuditEntry>
        {
            Items =
            [
                new VoicePlatform.Audit.AuditEntry
                {
                    Sequence = 1042, At = At, Actor = User.Email, Method = "PUT", Route = "/api/brands/{brandId}", Path = "/api/brands/brd_abcdefghijklmnopqrst",
                    Status = 200, CorrelationId = "4bf92f3577b34da6a3ce929d0e0e4736",
                },
            ],
            Next = "1042",
        }),
    ];
}
