using System.Text.Json.Serialization;

namespace VoicePlatform.Live;

/// <summary>What a <see cref="LiveEvent"/> carries; JSON names each kind in <c>kind</c>, as its event type does.</summary>
[GenerateSerializer, Immutable, Alias("vp.LiveEventPayload")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CallUpdated), LiveEventTypes.CallUpdated)]
[JsonDerivedType(typeof(CallTranscriptAdded), LiveEventTypes.CallTranscript)]
[JsonDerivedType(typeof(CampaignUpdated), LiveEventTypes.CampaignUpdated)]
[JsonDerivedType(typeof(WalletUpdated), LiveEventTypes.WalletUpdated)]
[JsonDerivedType(typeof(WalletLowBalanceCrossed), LiveEventTypes.WalletLowBalance)]
public abstract record LiveEventPayload;
