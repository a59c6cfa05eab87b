namespace VoicePlatform.Benchmarks.Report;

/// <summary>One benchmark run the report makes, as its own process: its name, its arguments, what it is for, and the environment it needs.</summary>
public sealed record Scenario(string Name, IReadOnlyList<string> Arguments, string Purpose, IReadOnlyDictionary<string, string>? Environment = null);
