using VoicePlatform.ApiHost.Http;
using VoicePlatform.Grains.Leads;
using VoicePlatform.Leads;

namespace VoicePlatform.Tests.Leads;

/// <summary>An uploaded list cut into parts reads, part by part, exactly as the whole file reads at once.</summary>
public sealed class CsvPartReaderTests
{
    private static async Task<List<LeadUploadPart>> PartsAsync(string text, int rowsPerPart)
    {
        var parts = new List<LeadUploadPart>();
        await foreach (var part in new CsvPartReader(new StringReader(text), rowsPerPart).ReadAsync()) parts.Add(part);
        return parts;
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task PartsRepeatTheHeaderAndTheirProblemsLandOnTheFilesOwnLines(string newline)
    {
        var rows = new[]
        {
            "+13125550100,Ana,\"Quoted, comma\"",
            "+13125550101,\"Two\nlines\",x",                    // one record over two lines
            "bad,Bo,y",
            "",                                                  // a blank line is no lead
            "+13125550103,\"He said \"\"hi\"\"\",z",
            "+13125550104,\"Three\nline\nrecord\",w",
            "12,Cy,v",
            "+13125550100,Again,u",
            "+13125550106,Di,t",
        };
        var file = "\uFEFFphone,name,note" + newline + string.Join(newline, rows) + newline;
        var whole = LeadListParser.ParseCsv(file, "US", 100);

        for (var perPart = 1; perPart <= rows.Length; perPart++)
        {
            var parts = await PartsAsync(file, perPart);
            Assert.Equal((rows.Length + perPart - 1) / perPart, parts.Count);
            Assert.Equal(Enumerable.Range(0, parts.Count), parts.Select(p => p.Sequence));
            Assert.Equal(rows.Length, parts.Sum(p => p.Rows));
            var problems = new List<LeadRowProblem>();
            var leads = new List<(int Row, string Phone, string? Name)>();
            foreach (var part in parts)
            {
                Assert.StartsWith("phone,name,note\n", part.Source.Csv);
                var parsed = LeadListParser.ParseCsv(part.Source.Csv!, "US", 100);
                problems.AddRange(parsed.Problems.Select(p => p with { Row = p.Row + part.RowOffset }));
                leads.AddRange(parsed.Leads.Select(l => (l.Row + part.RowOffset, l.Phone, l.Name)));
            }
            Assert.Equal(whole.Problems, problems);
            // Within one part a repeated number is merged; across parts the lead store keeps the first.
            Assert.Equal(whole.Leads.Select(l => (l.Row, l.Phone, l.Name)), leads.DistinctBy(l => l.Phone));
        }
    }

    [Fact]
    public async Task AFileWithoutRecordsGivesNoPart()
    {
        Assert.Empty(await PartsAsync("", 10));
        Assert.Empty(await PartsAsync("phone,name\n", 10));
        Assert.Empty(await PartsAsync("phone,name", 10));
    }

    [Fact]
    public async Task ALastRecordWithoutALineBreakIsRead()
    {
        var part = Assert.Single(await PartsAsync("phone\n+13125550100\n+13125550101", 10));
        Assert.Equal(2, part.Rows);
        Assert.Equal(2, LeadListParser.ParseCsv(part.Source.Csv!, "US", 10).Leads.Count);
    }
}
