using System.Text.Json.Serialization;

namespace VoicePlatform.Live;

/// <summary>What a <see cref="LiveEvent"/> carries; JSON names each kind in <c>kind</c>, as its event type does.</summary>
[GenerateSerializer, Immutable, Alias("vp.LiveEventPayload")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CallUpdated), LiveEventTypes.CallUpdated)]
[JsonDerivedType(typeof(CallTranscriptAdded), LiveEventTypes.CallTranscript)]
public abstract record LiveEventPayload;
