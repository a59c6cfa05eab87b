namespace VoicePlatform.ApiHost.Contracts;

/// <summary>What an import did: how many numbers it was given, and how many were not listed before.</summary>
public sealed record DoNotCallImported(int Received, int Added);
