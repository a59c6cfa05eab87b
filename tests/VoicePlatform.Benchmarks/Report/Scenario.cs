namespace VoicePlatform.Benchmarks.Report;

/// <summary>One benchmark run the report makes, as its own process: its name, its arguments, and what it is for.</summary>
public sealed record Scenario(string Name, IReadOnlyList<string> Arguments, string Purpose);
