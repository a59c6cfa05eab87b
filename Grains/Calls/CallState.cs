using VoicePlatform.Brands;
using VoicePlatform.Calls;
using VoicePlatform.Telephony;

namespace VoicePlatform.Grains.Calls;

/// <summary>A call's grain state; the call exists once <see cref="Request"/> is set.</summary>
[GenerateSerializer, Alias("vp.CallState")]
public sealed record CallState
{
    [Id(0)] public PlaceCall? Request { get; init; }
    [Id(1)] public BrandId? BrandId { get; init; }
    [Id(2)] public string? From { get; init; }
    [Id(3)] public PhoneNumberId? FromNumberId { get; init; }
    [Id(4)] public SipTrunkId? TrunkId { get; init; }
    [Id(5)] public string RoomName { get; init; } = "";
    [Id(6)] public int MaxCallDurationSeconds { get; init; }
    [Id(7)] public CallProgress Progress { get; init; } = new();
    /// <summary>The last webhook event ids applied (bounded): LiveKit re-delivers, and a repeat must change nothing.</summary>
    [Id(8)] public IReadOnlyList<string> SeenEventIds { get; init; } = [];
}
