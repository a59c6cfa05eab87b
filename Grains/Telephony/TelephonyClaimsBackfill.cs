using Microsoft.Extensions.Logging;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;

namespace VoicePlatform.Grains.Telephony;

/// <summary>
/// The upgrade pass for claims: every number and trunk record written before numbers and LiveKit trunks were claimed
/// platform-wide claims what it carries now. Two records carrying the same one are reported to the operator (the first
/// to claim keeps it; the other is not used). Runs once per cluster, from each silo's start; repeating it is harmless.
/// </summary>
public static class TelephonyClaimsBackfill
{
    private const int PageSize = 100;

    public static async Task RunAsync(IGrainFactory grains, ILogger logger, CancellationToken cancellationToken)
    {
        var conflicts = grains.GetTelephonyClaimConflicts();
        if (await conflicts.IsBackfilledAsync()) return;
        var records = 0;
        string? after = null;
        do
        {
            var tenants = await grains.GetTenantDirectory().ListAsync(after, PageSize);
            foreach (var tenant in tenants.Items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                records += await ClaimTenantAsync(grains, tenant.Id);
            }
            after = tenants.Next;
        } while (after is not null);
        await conflicts.MarkBackfilledAsync();
        // A new deployment has nothing to backfill: only an upgrade's backfill is worth a line at start-up.
        logger.Log(records > 0 ? LogLevel.Information : LogLevel.Debug, "Telephony claims backfilled for {Records} existing number and trunk records", records);
    }

    private static async Task<int> ClaimTenantAsync(IGrainFactory grains, TenantId tenant)
    {
        var directory = grains.GetTelephonyDirectory(tenant);
        var count = 0;
        string? after = null;
        do
        {
            var trunks = await directory.ListTrunksAsync(after, PageSize);
            foreach (var trunk in trunks.Items) await grains.GetSipTrunk(tenant, trunk.Id).EnsureClaimedAsync();
            count += trunks.Items.Count;
            after = trunks.Next;
        } while (after is not null);
        do
        {
            var numbers = await directory.ListNumbersAsync(new PhoneNumberFilter(), after, PageSize);
            foreach (var number in numbers.Items) await grains.GetPhoneNumber(tenant, number.Id).EnsureClaimedAsync();
            count += numbers.Items.Count;
            after = numbers.Next;
        } while (after is not null);
        return count;
    }
}
