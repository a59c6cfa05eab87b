namespace VoicePlatform.Campaigns;

/// <summary>
/// How a campaign's leads narrow: imported → dialed (at least one attempt) → connected (an attempt answered) →
/// a conversation of 30 seconds or more → a positive outcome (qualified); each rate is of the stage before.
/// </summary>
[GenerateSerializer, Immutable, Alias("vp.CampaignFunnel")]
public sealed record CampaignFunnel
{
    public static readonly TimeSpan ConversationAtLeast = TimeSpan.FromSeconds(30);

    [Id(0)] public required int Leads { get; init; }
    [Id(1)] public required int Dialed { get; init; }
    [Id(2)] public required int Connected { get; init; }
    [Id(3)] public required int Conversations { get; init; }
    [Id(4)] public required int Positive { get; init; }

    public double DialedRate => Rate(Dialed, Leads);
    public double ConnectedRate => Rate(Connected, Dialed);
    public double ConversationRate => Rate(Conversations, Connected);
    public double PositiveRate => Rate(Positive, Conversations);

    private static double Rate(int part, int of) => of == 0 ? 0 : Math.Round((double)part / of, 4);
}
