namespace VoicePlatform.ApiHost.Contracts;

/// <summary>How many segments a transcript post stored or found already stored.</summary>
public sealed record TranscriptAccepted(int Segments);
