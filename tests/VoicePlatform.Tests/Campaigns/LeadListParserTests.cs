using VoicePlatform.Grains.Leads;

namespace VoicePlatform.Tests.Campaigns;

/// <summary>Lead lists as people export them: a BOM, quoting, line breaks in fields, UTF-8 names, national numbers, bad rows.</summary>
public sealed class LeadListParserTests
{
    [Fact]
    public void ARealWorldCsvIsReadFieldByField()
    {
        var csv = "\uFEFFPhone,Name,Email,TimeZone,consent_at,Consent Source,First Name,Policy-No\r\n"
                  + "+1 (415) 555-0100,\"Müller, Jürgen\",j@example.com,America/Los_Angeles,2026-05-01T14:30:00Z,web form,Jürgen,P-1\r\n"
                  + "512-555-0101,\"Ana \"\"Annie\"\" Núñez\",,,,,Ana,\"line one\nline two\"\r\n"
                  + "\r\n"
                  + "(212) 555-0102,李雷,,,,,雷,P-3\r\n";
        var parsed = LeadListParser.ParseCsv(csv, defaultRegion: "US", maxRows: 100);
        Assert.Empty(parsed.Problems);
        Assert.Equal(["+14155550100", "+15125550101", "+12125550102"], parsed.Leads.Select(l => l.Phone));
        var first = parsed.Leads[0];
        Assert.Equal(("Müller, Jürgen", "j@example.com", "America/Los_Angeles", "web form"), (first.Name, first.Email, first.TimeZone, first.ConsentSource));
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 14, 30, 0, TimeSpan.Zero), first.ConsentAt);
        Assert.Equal(new Dictionary<string, string> { ["first_name"] = "Jürgen", ["policy_no"] = "P-1" }, first.Variables);
        Assert.Equal("Ana \"Annie\" Núñez", parsed.Leads[1].Name);
        Assert.Equal("line one\nline two", parsed.Leads[1].Variables["policy_no"]);
        Assert.Equal("李雷", parsed.Leads[2].Name);
        Assert.Equal([2, 3, 6], parsed.Leads.Select(l => l.Row));
    }

    [Fact]
    public void BadRowsAreReportedByRowAndFieldAndDuplicatesMerged()
    {
        var csv = "phone;name;email;timezone;consentAt\n"
                  + "+14155550100;A;;;\n"
                  + "not a number;B;;;\n"
                  + "+14155550101;C;no-at-sign;Mars/Olympus;yesterday\n"
                  + "+1 415 555 0100;D;;;\n"
                  + "+442071838750;E;;;2026-05-01T14:30:00\n";
        var parsed = LeadListParser.ParseCsv(csv, defaultRegion: null, maxRows: 100);
        Assert.Equal(["+14155550100"], parsed.Leads.Select(l => l.Phone));
        Assert.Equal(
            [(3, "phone"), (4, "email"), (4, "timezone"), (4, "consentAt"), (6, "consentAt")],
            parsed.Problems.Select(p => (p.Row, p.Field)));
        Assert.Equal((5, 2), (Assert.Single(parsed.Merged).Row, parsed.Merged[0].MergedInto));
    }

    [Theory]
    [InlineData("name,email\nA,a@example.com\n", "phone")]
    [InlineData("phone,Bad Column!\n+14155550100,x\n", "Bad Column!")]
    [InlineData("phone,phone_number\n+14155550100,+14155550101\n", "phone")]
    [InlineData("", "file")]
    public void AnUnusableHeaderRejectsTheWholeList(string csv, string field)
    {
        var parsed = LeadListParser.ParseCsv(csv, "US", 100);
        Assert.True(parsed.IsUnreadable);
        Assert.Contains(parsed.Problems, p => p.Row == 1 && p.Field == field);
    }

    [Fact]
    public void AListLongerThanTheLimitIsRefusedAsAWhole()
    {
        var csv = "phone\n" + string.Join("\n", Enumerable.Range(0, 11).Select(i => $"+1415555{i:0000}"));
        var parsed = LeadListParser.ParseCsv(csv, null, maxRows: 10);
        Assert.True(parsed.IsUnreadable);
        Assert.Contains("10", Assert.Single(parsed.Problems).Reason);
    }

    [Fact]
    public void JsonLeadsAreCheckedByTheSameRules()
    {
        var parsed = LeadListParser.ParseFields(
        [
            new Dictionary<string, string> { ["phone"] = "+14155550100", ["variables.plan"] = "gold" },
            new Dictionary<string, string> { ["phone"] = "" },
        ], null);
        Assert.Equal("gold", Assert.Single(parsed.Leads).Variables["plan"]);
        Assert.Equal((2, "phone"), (Assert.Single(parsed.Problems).Row, parsed.Problems[0].Field));
    }
}
