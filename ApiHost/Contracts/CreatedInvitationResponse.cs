using VoicePlatform.Users;

namespace VoicePlatform.ApiHost.Contracts;

/// <summary>A new invitation with its link, shown once: send the link to the person invited.</summary>
public sealed record CreatedInvitationResponse(InvitationView Invitation, string Token, string Link);
