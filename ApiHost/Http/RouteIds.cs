using System.Collections.Concurrent;
using System.Reflection;
using VoicePlatform.Common;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// The one place a typed id from a route is checked: when a handler binds an <see cref="IRouteId{TSelf}"/> from the
/// route and the text is no such id, the answer is 404 naming what was not found, as for an id of the right shape that
/// names nothing. Runs after authorization, so an anonymous caller still gets 401.
/// </summary>
public sealed class RouteIds(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<MethodInfo, RouteIdCheck[]> Checks = new();
    private static readonly MethodInfo CheckOf = typeof(RouteIds).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!;

    public Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>() is { } handler)
        {
            foreach (var check in Checks.GetOrAdd(handler, ChecksFor))
            {
                if (http.Request.RouteValues.TryGetValue(check.RouteName, out var value) && !check.IsValid(value as string))
                    return NotFound(check.Noun).ExecuteAsync(http);
            }
        }
        return next(http);
    }

    private static IResult NotFound(string noun) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{char.ToUpperInvariant(noun[0])}{noun[1..]} not found",
            detail: $"There is no such {noun}.");

    private static RouteIdCheck[] ChecksFor(MethodInfo handler) =>
        handler.GetParameters()
            .Select(p => (Parameter: p, IdType: Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
            .Where(p => p.IdType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRouteId<>)))
            .Select(p => (RouteIdCheck)CheckOf.MakeGenericMethod(p.IdType).Invoke(null, [p.Parameter.Name])!)
            .ToArray();

    private static RouteIdCheck Check<T>(string routeName) where T : IRouteId<T> =>
        new(routeName, T.Noun, text => T.TryParse(text, null, out _));

    private sealed record RouteIdCheck(string RouteName, string Noun, Func<string?, bool> IsValid);
}
