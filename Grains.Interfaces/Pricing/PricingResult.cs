namespace VoicePlatform.Pricing;

/// <summary>A price, or the reason there is none (an expected outcome, not an error).</summary>
[GenerateSerializer, Immutable, Alias("vp.PricingResult`1")]
public sealed record PricingResult<T> where T : class
{
    [Id(0)] public T? Value { get; init; }
    [Id(1)] public PricingProblem? Problem { get; init; }
    /// <summary>For a problem: what is missing, in words an operator or tenant can act on.</summary>
    [Id(2)] public string? Detail { get; init; }

    public static PricingResult<T> Ok(T value) => new() { Value = value };
    public static PricingResult<T> Failed(PricingProblem problem, string detail) => new() { Problem = problem, Detail = detail };
}
