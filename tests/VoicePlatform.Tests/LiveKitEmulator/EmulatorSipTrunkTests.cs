namespace VoicePlatform.Tests.LiveKitEmulator;

/// <summary>
/// Trunk provisioning as LiveKit's SIP service answers it (../shared/livekit/INBOUND-AND-DATA.md §1–2): inbound trunks
/// with the security rule and number conflicts, list updates, outbound get and update, and a delete that succeeds for
/// any id.
/// </summary>
public sealed class EmulatorSipTrunkTests : IAsyncLifetime
{
    private EmulatorUnderTest _emulator = null!;

    public async Task InitializeAsync() => _emulator = await EmulatorUnderTest.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private Task<TwirpResponse> Sip(string method, object body) => _emulator.CallAsync("SIP/" + method, body, TestTokens.SipAdmin());

    [Fact]
    public async Task AnInboundTrunkIsCreatedReadListedUpdatedAndDeleted()
    {
        var created = await Sip("CreateSIPInboundTrunk", new { trunk = new { name = "main", numbers = new[] { "+15550100" }, allowedAddresses = new[] { "203.0.113.0/24" }, ringingTimeout = "20s" } });
        Assert.Equal(200, created.Status);
        var id = created.Json!["sip_trunk_id"]!.GetValue<string>();
        Assert.StartsWith("ST_", id);
        Assert.Equal("20s", created.Json["ringing_timeout"]!.GetValue<string>());

        var read = await Sip("GetSIPInboundTrunk", new { sipTrunkId = id });
        Assert.Equal("main", read.Json!["trunk"]!["name"]!.GetValue<string>());
        // An inbound id is not an outbound trunk.
        Assert.Equal("not_found", (await Sip("GetSIPOutboundTrunk", new { sipTrunkId = id })).Json!["code"]!.GetValue<string>());

        var updated = await Sip("UpdateSIPInboundTrunk", new { sipTrunkId = id, update = new { numbers = new { add = new[] { "+15550101", "+15550100" } }, name = "renamed" } });
        Assert.Equal(200, updated.Status);
        Assert.Equal(["+15550100", "+15550101"], updated.Json!["numbers"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("renamed", updated.Json["name"]!.GetValue<string>());
        var bad = await Sip("UpdateSIPInboundTrunk", new { sipTrunkId = id, update = new { numbers = new { set = new[] { "+15550102" }, add = new[] { "+15550103" } } } });
        Assert.Equal("invalid_argument", bad.Json!["code"]!.GetValue<string>());

        var listed = await Sip("ListSIPInboundTrunk", new { numbers = new[] { "+15550101" } });
        Assert.Single(listed.Json!["items"]!.AsArray());
        Assert.Equal(200, (await Sip("DeleteSIPTrunk", new { sipTrunkId = id })).Status);
        Assert.Equal("not_found", (await Sip("GetSIPInboundTrunk", new { sipTrunkId = id })).Json!["code"]!.GetValue<string>());
        // Deleting what does not exist succeeds, as LiveKit's hash delete does.
        Assert.Equal(200, (await Sip("DeleteSIPTrunk", new { sipTrunkId = "ST_doesnotexist" })).Status);
    }

    [Fact]
    public async Task AnOpenInboundTrunkAndTwoTrunksForTheSameNumberAreRefused()
    {
        var open = await Sip("CreateSIPInboundTrunk", new { trunk = new { name = "open" } });
        Assert.Equal(("invalid_argument", 400), (open.Json!["code"]!.GetValue<string>(), open.Status));
        Assert.Contains("for security", open.Json["msg"]!.GetValue<string>());

        var first = await Sip("CreateSIPInboundTrunk", new { trunk = new { numbers = new[] { "+15550200" } } });
        Assert.Equal(200, first.Status);
        var clash = await Sip("CreateSIPInboundTrunk", new { trunk = new { numbers = new[] { "+15550200" } } });
        Assert.Contains("Conflicting inbound SIP Trunks", clash.Json!["msg"]!.GetValue<string>());
        // Told apart by their allowed callers, two trunks may share a number.
        var a = await Sip("CreateSIPInboundTrunk", new { trunk = new { numbers = new[] { "+15550300" }, allowedNumbers = new[] { "+15551110000" } } });
        var b = await Sip("CreateSIPInboundTrunk", new { trunk = new { numbers = new[] { "+15550300" }, allowedNumbers = new[] { "+15552220000" } } });
        Assert.Equal((200, 200), (a.Status, b.Status));
        // The admin grant is required.
        var unauthorised = await _emulator.CallAsync("SIP/ListSIPInboundTrunk", new { }, TestTokens.SipCall());
        Assert.Equal("unauthenticated", unauthorised.Json!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnOutboundTrunkIsReadAndUpdatedAndAnUpdateThatEmptiesItIsLiveKitsUnknownError()
    {
        var id = await _emulator.CreateTrunkAsync();
        var updated = await Sip("UpdateSIPOutboundTrunk", new { sipTrunkId = id, update = new { address = "sip2.example.test", authPassword = "s3cret", numbers = new { add = new[] { "+15550400" } } } });
        Assert.Equal(200, updated.Status);
        Assert.Equal("sip2.example.test", updated.Json!["address"]!.GetValue<string>());
        var read = (await Sip("GetSIPOutboundTrunk", new { sipTrunkId = id })).Json!["trunk"]!;
        Assert.Equal(["+15550000000", "+15550400"], read["numbers"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("s3cret", read["auth_password"]!.GetValue<string>());

        var emptied = await Sip("UpdateSIPOutboundTrunk", new { sipTrunkId = id, update = new { numbers = new { clear = true } } });
        Assert.Equal(("unknown", 500), (emptied.Json!["code"]!.GetValue<string>(), emptied.Status));
        var replaced = await Sip("UpdateSIPOutboundTrunk", new { sipTrunkId = id, replace = new { address = "sip3.example.test", numbers = new[] { "+15550500" } } });
        Assert.Equal(["+15550500"], replaced.Json!["numbers"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("not_found", (await Sip("UpdateSIPOutboundTrunk", new { sipTrunkId = "ST_missing", update = new { name = "x" } })).Json!["code"]!.GetValue<string>());
    }
}
