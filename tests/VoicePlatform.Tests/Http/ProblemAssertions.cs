using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VoicePlatform.Tests.Http;

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 7807 body with the status, and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.True(problem.TryGetProperty("correlationId", out _), "problem details carry the correlation id");
        return problem;
    }

    /// <summary>Asserts a 400 problem whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task<JsonElement> AssertFieldErrorAsync(this HttpResponseMessage response, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var problem = await response.AssertProblemAsync(status);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors should name '{field}': {errors}");
        return problem;
    }

    public static Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        response.Content.ReadFromJsonAsync<JsonElement>(ApiHostFixture.Json);
}
