using VoicePlatform.LiveKitEmulator.Agents;
using VoicePlatform.LiveKitEmulator.Agents.Reports;

namespace VoicePlatform.Tests.LiveKitEmulator;

/// <summary>The scripted conversation as a plain class: choice, timing and what is reported for what was said.</summary>
public sealed class ConversationScriptTests
{
    private static readonly DateTimeOffset AnsweredAt = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private static AgentDispatchMetadata Call(string greeting = "Hi Ada, this is Max.", string voicemail = "Please call Max back.") =>
        new("call_1", "cred", "ten_1", "agt_1", "Be brief and polite.", greeting, voicemail, new Dictionary<string, string> { ["first_name"] = "Ada" });

    [Fact]
    public void TheSameSeedGivesTheSameConversation()
    {
        var first = ConversationScript.ForHuman(Call(), new Random(11), AnsweredAt);
        var second = ConversationScript.ForHuman(Call(), new Random(11), AnsweredAt);

        Assert.Equal(first.Lines, second.Lines);
        Assert.Equal(first.Outcome(first.Lines.Count, calleeHungUp: false), second.Outcome(second.Lines.Count, calleeHungUp: false), OutcomeComparer);
    }

    [Fact]
    public void EveryDispositionIsReachableAndOnlyACallbackCarriesATime()
    {
        var outcomes = Enumerable.Range(0, 60)
            .Select(seed => ConversationScript.ForHuman(Call(), new Random(seed), AnsweredAt))
            .Select(script => script.Outcome(script.Lines.Count, calleeHungUp: false)!)
            .ToArray();

        Assert.Equal(3, outcomes.Select(o => o.Disposition).Distinct().Count());
        Assert.All(outcomes, o => Assert.Equal(o.Disposition == CallDisposition.CallbackRequested, o.CallbackAt is not null));
        Assert.All(outcomes.Where(o => o.CallbackAt is not null), o => Assert.Equal(new DateTimeOffset(2026, 3, 3, 15, 0, 0, TimeSpan.Zero), o.CallbackAt));
    }

    [Fact]
    public void TheGreetingOpensAndTheSpeakersAlternateWithoutOverlap()
    {
        var script = ConversationScript.ForHuman(Call(), new Random(3), AnsweredAt);

        Assert.Equal("Hi Ada, this is Max.", script.Lines[0].Text);
        Assert.Contains("Ada", script.Lines[1].Text);
        for (var i = 0; i < script.Lines.Count; i++)
        {
            Assert.Equal(i % 2 == 0 ? Speaker.Agent : Speaker.Callee, script.Lines[i].Speaker);
            Assert.True(script.Lines[i].End > script.Lines[i].Start);
            Assert.True(i == 0 || script.Lines[i].Start > script.Lines[i - 1].End);
            Assert.Equal($"seg-{i + 1}", script.Segment(i).Id);
        }
    }

    [Fact]
    public void UsageCountsOnlyWhatWasSaid()
    {
        var script = ConversationScript.ForHuman(Call(), new Random(3), AnsweredAt);

        Assert.Null(script.Usage(0));
        var greetingOnly = script.Usage(1)!;
        Assert.Equal([UsageKind.Stt, UsageKind.Tts], greetingOnly.Items.Select(i => i.Kind));
        Assert.Equal(script.Lines[0].Text.Length, greetingOnly.Items[1].Characters);

        var all = script.Usage(script.Lines.Count)!;
        Assert.Equal("usage-1", all.Id);
        Assert.Equal((long)script.Lines[^1].End.TotalMilliseconds, all.Items.Single(i => i.Kind == UsageKind.Stt).AudioMs);
        Assert.Equal(script.Lines.Where(l => l.Speaker == Speaker.Agent).Sum(l => (long)l.Text.Length), all.Items.Single(i => i.Kind == UsageKind.Tts).Characters);
        var llm = all.Items.Single(i => i.Kind == UsageKind.Llm);
        Assert.True(llm.InputTokens > llm.OutputTokens && llm.OutputTokens > 0);
    }

    [Fact]
    public void ACalleeWhoHangsUpBeforeAnsweringThePitchWasNotInterested()
    {
        var script = ConversationScript.ForHuman(Call(), new Random(3), AnsweredAt);

        var early = script.Outcome(2, calleeHungUp: true)!;
        Assert.Equal(CallDisposition.NotInterested, early.Disposition);
        Assert.Null(early.CallbackAt);
        Assert.Contains(ConversationScript.HungUpTag, early.Tags);

        var planned = script.Outcome(script.Lines.Count, calleeHungUp: false)!;
        var late = script.Outcome(script.RevealedBy, calleeHungUp: true)!;
        Assert.Equal(planned.Disposition, late.Disposition);
        Assert.Contains(ConversationScript.HungUpTag, late.Tags);
    }

    [Fact]
    public void VoicemailIsTheMessageAloneWithNoOutcome()
    {
        var script = ConversationScript.ForVoicemail(Call());

        var line = Assert.Single(script.Lines);
        Assert.Equal((Speaker.Agent, "Please call Max back."), (line.Speaker, line.Text));
        Assert.Null(script.Outcome(1, calleeHungUp: false));
        Assert.DoesNotContain(script.Usage(1)!.Items, i => i.Kind == UsageKind.Llm);
        Assert.Empty(ConversationScript.ForVoicemail(Call(voicemail: "")).Lines);
    }

    [Theory]
    [InlineData("""{"callId":"c1","workerCredential":"w1","variables":{"a":"b","n":1}}""", true)]
    [InlineData("""{"callId":"c1"}""", false)]
    [InlineData("""{"workerCredential":"w1"}""", false)]
    [InlineData("""{"callId":"","workerCredential":"w1"}""", false)]
    [InlineData("""["callId"]""", false)]
    [InlineData("plain text", false)]
    [InlineData("", false)]
    public void OnlyMetadataWithACallAndACredentialIsAPlatformCall(string metadata, bool isCall)
    {
        Assert.Equal(isCall, AgentDispatchMetadata.TryParse(metadata, out var call));
        if (isCall)
        {
            Assert.Equal("b", Assert.Single(call!.Variables).Value);
            Assert.DoesNotContain("w1", call.ToString());
        }
    }

    private static readonly IEqualityComparer<OutcomeReport?> OutcomeComparer = EqualityComparer<OutcomeReport?>.Create(
        (a, b) => a is not null && b is not null && a.Disposition == b.Disposition && a.CallbackAt == b.CallbackAt
                  && a.Tags.SequenceEqual(b.Tags) && a.Fields.SequenceEqual(b.Fields) && a.Summary == b.Summary);
}
