using Npgsql;
using VoicePlatform.Common;
using VoicePlatform.Telephony;
using VoicePlatform.Tenants;
using VoicePlatform.Tests.Calls;
using VoicePlatform.Tests.Infrastructure;
using VoicePlatform.Tests.Telephony;

namespace VoicePlatform.Tests.Cluster;

/// <summary>
/// Records written before numbers were claimed platform-wide: the upgrade pass claims each one when the cluster starts,
/// a number two tenants both registered is listed for the operator (the loser is not presented as a caller id), and the
/// operator's reassignment moves it.
/// </summary>
public sealed class ClaimsUpgradeTests
{
    [Fact]
    public async Task TheUpgradePassClaimsExistingRecordsReportsAContestedNumberAndTheOperatorReassignsIt()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("claims");
        var shared = TestNumbers.Next();
        var (alice, bob) = (TenantId.New(), TenantId.New());
        var (aliceNumber, bobNumber) = (PrefixedId.New<PhoneNumberId>(), PrefixedId.New<PhoneNumberId>());

        await using var first = await PostgresClusterBuilder.StartAsync(connectionString, "claims-svc");
        foreach (var tenant in new[] { alice, bob })
            await first.GrainFactory.GetTenant(tenant).CreateAsync(new CreateTenant { Name = "Claims " + tenant.Value, Settings = TenantSettings.Default });
        await first.GrainFactory.GetPhoneNumber(alice, aliceNumber).CreateAsync(new PhoneNumberSettings { Number = shared, Label = "Alice" });
        await first.GrainFactory.GetPhoneNumber(bob, bobNumber).CreateAsync(new PhoneNumberSettings { Number = TestNumbers.Next(), Label = "Bob" });
        await first.StopAsync();

        // Make the stored rows what an older release wrote: no claims anywhere, no "claimed" flag, and — as the per-tenant
        // uniqueness of that release allowed — Bob's record carrying Alice's number (the serializer writes '+' as \u002B).
        await ExecuteAsync(connectionString, "DELETE FROM orleans_grain_state WHERE grain_type_string IN ('telephony-claim', 'telephony-claim-conflicts')");
        await ExecuteAsync(connectionString, """
            UPDATE orleans_grain_state
               SET payload_binary = convert_to(regexp_replace(regexp_replace(convert_from(payload_binary, 'UTF8'),
                       ',"claimed":true', '', 'g'), '"number":"\\u002B[0-9]+"', '"number":"\\u002B' || @digits || '"'), 'UTF8')
             WHERE grain_type_string = 'phone-number' AND payload_binary IS NOT NULL
            """, ("digits", shared[1..]));

        await using var second = await PostgresClusterBuilder.StartAsync(connectionString, "claims-svc");
        var grains = second.GrainFactory;
        var claim = grains.GetTelephonyClaim(TelephonyClaimKey.Number(shared));
        await CallTestSupport.WaitUntilAsync(async () => (await grains.GetTelephonyClaimConflicts().ListAsync()).Contains(TelephonyClaimKey.Number(shared)),
            () => "the upgrade pass reported the contested number");

        var view = await claim.GetAsync();
        var holder = Assert.IsType<TelephonyClaimHolder>(view.Holder);
        var contender = Assert.Single(view.Contenders);
        Assert.Equal(new[] { alice.Value, bob.Value }.Order(StringComparer.Ordinal), new[] { holder.Tenant.Value, contender.Tenant.Value }.Order(StringComparer.Ordinal));
        var (winner, winnerNumber, loser, loserNumber) = holder.Tenant == alice ? (alice, aliceNumber, bob, bobNumber) : (bob, bobNumber, alice, aliceNumber);
        Assert.True((await grains.GetPhoneNumber(winner, winnerNumber).GetAsync())!.Claimed);
        Assert.False((await grains.GetPhoneNumber(loser, loserNumber).GetAsync())!.Claimed);
        // The loser's number is not presented: its directory entry reads suspended, so no call goes out from it.
        var listed = Assert.Single((await grains.GetTelephonyDirectory(loser).ListNumbersAsync(new PhoneNumberFilter(), null, 10)).Items);
        Assert.Equal(PhoneNumberStatus.Suspended, listed.Status);
        Assert.True(await grains.GetTelephonyClaimConflicts().IsBackfilledAsync());

        // The operator decides for the other tenant: the claim moves, both records learn it, the conflict is gone.
        var reassigned = await claim.ReassignAsync(new TelephonyClaimHolder { Tenant = loser, RecordId = loserNumber.Value });
        Assert.Equal(WriteOutcome.Ok, reassigned.Outcome);
        await CallTestSupport.WaitUntilAsync(async () =>
            (await grains.GetPhoneNumber(loser, loserNumber).GetAsync())!.Claimed && !(await grains.GetPhoneNumber(winner, winnerNumber).GetAsync())!.Claimed,
            () => "both records learnt of the reassignment");
        Assert.Equal(PhoneNumberStatus.Active, Assert.Single((await grains.GetTelephonyDirectory(loser).ListNumbersAsync(new PhoneNumberFilter(), null, 10)).Items).Status);
        Assert.Equal(PhoneNumberStatus.Suspended, Assert.Single((await grains.GetTelephonyDirectory(winner).ListNumbersAsync(new PhoneNumberFilter(), null, 10)).Items).Status);
        Assert.Empty(await grains.GetTelephonyClaimConflicts().ListAsync());
    }

    private static async Task ExecuteAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
