using VoicePlatform.ApiHost.Http;

namespace VoicePlatform.ApiHost.Endpoints;

/// <summary>The public API, one module per resource; every resource route shares the body checks that are the same for all of them.</summary>
public static class VoicePlatformApi
{
    public static IEndpointRouteBuilder MapVoicePlatformApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").AddEndpointFilter<NullElementsFilter>();
        api.MapOperatorTenantsApi();
        api.MapTenantApi();
        api.MapApiKeysApi();
        api.MapSessionApi();
        api.MapInvitationsApi();
        api.MapUsersApi();
        api.MapAuditApi();
        api.MapBrandsApi();
        api.MapPersonasApi();
        api.MapAgentsApi();
        api.MapSipTrunksApi();
        api.MapPhoneNumbersApi();
        api.MapCallsApi();
        api.MapCallReportsApi();
        api.MapUsageApi();
        api.MapPricingApi();
        api.MapLiveKitWebhookApi();
        api.MapInboundCallsApi();
        api.MapWalletApi();
        api.MapTelephonyClaimsApi();
        api.MapDoNotCallApi();
        api.MapCallerBlocklistApi();
        api.MapCampaignsApi();
        api.MapLeadImportsApi();
        api.MapLiveApi();
        api.MapCallSupervisionApi();
        api.MapWebhooksApi();
        return app;
    }
}
