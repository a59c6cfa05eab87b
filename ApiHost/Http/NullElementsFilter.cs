using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoicePlatform.ApiHost.Http;

/// <summary>
/// Refuses a request body with a <c>null</c> inside a list (<c>"socialLinks": [null]</c>) or as a dictionary value, before
/// any handler or rule sees it: each such element is a field error named by its JSON path (<c>socialLinks[0]</c>,
/// <c>variables.first_name</c>), and nothing is changed. JSON allows nulls anywhere; no list or map in this API means
/// anything by one, and a rule written for elements would otherwise meet a null it never expected.
/// </summary>
public sealed class NullElementsFilter : IEndpointFilter
{
    private static readonly ConcurrentDictionary<Type, (string Name, Func<object, object?> Get)[]> Members = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var argument in context.Arguments)
        {
            if (argument is not null && IsContract(argument.GetType())) Visit(argument, "", ref errors, depth: 0);
        }
        return errors is null ? await next(context) : TypedResults.ValidationProblem(errors);
    }

    /// <summary>The null elements of <paramref name="body"/>, keyed by JSON path; empty when there are none.</summary>
    public static Dictionary<string, string[]> Find(object body)
    {
        Dictionary<string, string[]>? errors = null;
        Visit(body, "", ref errors, depth: 0);
        return errors ?? [];
    }

    private static void Visit(object value, string path, ref Dictionary<string, string[]>? errors, int depth)
    {
        // Request bodies are shallow; the bound stops a cyclic object graph from recursing forever.
        if (depth > 16) return;
        switch (value)
        {
            case string or JsonElement:
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var at = Join(path, entry.Key.ToString() ?? "");
                    if (entry.Value is null) Add(ref errors, at, "Must not be null.");
                    else Visit(entry.Value, at, ref errors, depth + 1);
                }
                return;
            case IEnumerable list:
                var index = 0;
                foreach (var element in list)
                {
                    var at = $"{path}[{index++}]";
                    if (element is null) Add(ref errors, at, "A list element must not be null.");
                    else Visit(element, at, ref errors, depth + 1);
                }
                return;
        }
        if (!IsContract(value.GetType())) return;
        foreach (var (name, get) in Members.GetOrAdd(value.GetType(), ReadableMembers))
        {
            if (get(value) is { } member) Visit(member, Join(path, name), ref errors, depth + 1);
        }
    }

    /// <summary>The project's own request and value types; framework types (principals, contexts, primitives) are not bodies.</summary>
    private static bool IsContract(Type type) =>
        !type.IsPrimitive && !type.IsEnum && type.Namespace?.StartsWith("VoicePlatform", StringComparison.Ordinal) == true;

    private static (string, Func<object, object?>)[] ReadableMembers(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), (Func<object, object?>)p.GetValue))
            .ToArray();

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static void Add(ref Dictionary<string, string[]>? errors, string path, string message) =>
        (errors ??= new Dictionary<string, string[]>())[path] = [message];
}
