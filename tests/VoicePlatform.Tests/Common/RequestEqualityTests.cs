using VoicePlatform.Agents;
using VoicePlatform.Brands;
using VoicePlatform.Calls;
using VoicePlatform.Common;

namespace VoicePlatform.Tests.Common;

/// <summary>
/// "The same request again?" is explicit value equality on the request records: lists compare in order,
/// dictionaries in any order, and every other property as the record compares it.
/// </summary>
public sealed class RequestEqualityTests
{
    private static readonly AgentId Agent = PrefixedId.New<AgentId>();

    [Fact]
    public void APlacedCallRepeatedWithItsVariablesInAnotherOrderIsTheSameCall()
    {
        var first = new PlaceCall { AgentId = Agent, To = "+14155550100", Variables = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } };
        var reordered = first with { Variables = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } };
        Assert.True(first.SameAs(reordered));
        Assert.False(first.SameAs(first with { Variables = new Dictionary<string, string> { ["a"] = "1", ["b"] = "3" } }));
        Assert.False(first.SameAs(first with { Variables = new Dictionary<string, string> { ["a"] = "1" } }));
        Assert.False(first.SameAs(reordered with { To = "+14155550101" }));
    }

    [Fact]
    public void ListsCompareByContentInOrder()
    {
        var profile = new BrandProfile { CompanyName = "Acme", Dos = ["greet", "thank"], SocialLinks = [new SocialLink { Network = "x", Url = "https://x.com/acme" }] };
        var copy = profile with { Dos = ["greet", "thank"], SocialLinks = [new SocialLink { Network = "x", Url = "https://x.com/acme" }] };
        Assert.True(profile.SameAs(copy));
        Assert.False(profile.SameAs(copy with { Dos = ["thank", "greet"] }));
        Assert.False(profile.SameAs(copy with { Donts = ["shout"] }));
        Assert.False(profile.SameAs(copy with { Industry = "retail" }));

        var settings = new AgentSettings { Name = "A", EndCallPhrases = ["bye"] };
        Assert.True(settings.SameAs(settings with { EndCallPhrases = ["bye"] }));
        Assert.False(settings.SameAs(settings with { MaxCallDurationSeconds = 60 }));
    }

    [Fact]
    public void AnOutcomeComparesItsTagsInOrderAndItsFieldsInAnyOrder()
    {
        var outcome = new CallOutcome
        {
            Sequence = 1, Disposition = CallDisposition.Qualified, Tags = ["hot", "demo"],
            Fields = new Dictionary<string, string> { ["budget"] = "10k", ["seats"] = "5" },
        };
        Assert.True(outcome.SameAs(outcome with { Tags = ["hot", "demo"], Fields = new Dictionary<string, string> { ["seats"] = "5", ["budget"] = "10k" } }));
        Assert.False(outcome.SameAs(outcome with { Tags = ["demo", "hot"] }));
        Assert.False(outcome.SameAs(outcome with { Summary = "changed" }));

        var usage = new UsageReport { Id = "u1", Items = [new UsageItem { Kind = UsageKind.Llm, Provider = "openai", Model = "m", InputTokens = 5 }] };
        Assert.True(usage.SameAs(usage with { Items = [new UsageItem { Kind = UsageKind.Llm, Provider = "openai", Model = "m", InputTokens = 5 }] }));
        Assert.False(usage.SameAs(usage with { Items = [new UsageItem { Kind = UsageKind.Llm, Provider = "openai", Model = "m", InputTokens = 6 }] }));
    }
}
