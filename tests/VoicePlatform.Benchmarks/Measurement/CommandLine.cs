namespace VoicePlatform.Benchmarks.Measurement;

/// <summary>The few options the benchmarks take: <c>--seconds N</c>, <c>--rounds N</c>, <c>--starts N</c>, <c>--mode M</c>.</summary>
public sealed class CommandLine(IReadOnlyList<string> arguments)
{
    public int Int(string name, int fallback)
    {
        var value = Value(name);
        if (value is null) return fallback;
        return int.TryParse(value, out var number) && number > 0
            ? number
            : throw new ArgumentException($"--{name} must be a positive whole number, not '{value}'.");
    }

    public string String(string name, string fallback) => Value(name) ?? fallback;

    /// <summary>A switch with no value (<c>--full</c>).</summary>
    public bool Flag(string name) => arguments.Contains("--" + name);

    private string? Value(string name)
    {
        for (var i = 0; i < arguments.Count - 1; i++)
        {
            if (arguments[i] == "--" + name) return arguments[i + 1];
        }
        return null;
    }
}
