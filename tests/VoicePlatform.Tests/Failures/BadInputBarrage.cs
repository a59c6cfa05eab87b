using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static VoicePlatform.Tests.Http.OpenApiSchemas;

namespace VoicePlatform.Tests.Failures;

/// <summary>
/// Bad input on every route the OpenAPI document gives a JSON body — malformed JSON, a wrong type for each property,
/// invalid phone numbers, a body over the route's limit — and bad CSVs on the lead imports, sent again and again while
/// the platform is being broken, counting every answer by status.
/// </summary>
public sealed class BadInputBarrage
{
    private readonly List<(HttpMethod Method, string Path, HttpContent Content, string What, HttpClient Client, bool FirstPassOnly, bool RowsOnly)> _probes = [];
    private readonly ConcurrentDictionary<int, int> _answers = new();
    private readonly ConcurrentQueue<string> _serverErrors = new();
    private int _sent;
    private readonly Lock _slowestLock = new();
    private int _passes;

    public int Sent => _sent;

    /// <summary>Answers by HTTP status.</summary>
    public IReadOnlyDictionary<int, int> Answers => _answers;

    /// <summary>Every 500 (or other 5xx that is not 503), with the request that caused it.</summary>
    public IReadOnlyCollection<string> ServerErrors => _serverErrors;

    public int ProbeCount => _probes.Count;

    /// <summary>The longest wait for an answer, and the request it was.</summary>
    public (TimeSpan Wait, string Request) Slowest { get; private set; }

    /// <param name="document">The host's OpenAPI document.</param>
    /// <param name="fillRoute">Replaces a route's <c>{id}</c> placeholders with ids of real objects.</param>
    /// <param name="clientFor">The caller for a route: the operator, the tenant admin or the agent worker.</param>
    public static BadInputBarrage FromOpenApi(JsonNode document, Func<string, string> fillRoute, Func<string, HttpClient> clientFor, string campaignId)
    {
        var barrage = new BadInputBarrage();
        var schemas = document["components"]!["schemas"]!.AsObject();
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (operation!["requestBody"]?["content"]?["application/json"]?["schema"] is not { } bodySchema) continue;
                var target = fillRoute(path).TrimStart('/');
                var verb = new HttpMethod(method.ToUpperInvariant());
                var client = clientFor(path);
                barrage.Add(verb, target, Json("{\"broken\": [1, 2,"), "malformed JSON", client);
                barrage.Add(verb, target, Json("[]"), "an array where an object belongs", client);
                // Over the host's 1 MiB ceiling for JSON, refused before it is read; once per run (it is 1.5 MiB per route).
                barrage.Add(verb, target, Json("{\"pad\":\"" + new string('x', 1536 * 1024) + "\"}"), "a 1.5 MiB body", client, firstPassOnly: true);
                foreach (var (name, property) in Properties(Resolve(bodySchema, schemas)))
                {
                    var resolved = Resolve(property!, schemas);
                    barrage.Add(verb, target, Json(new JsonObject { [name] = WrongType(resolved) }.ToJsonString()), $"a wrong type for {name}", client);
                    if (IsPhoneField(name)) barrage.Add(verb, target, Json(new JsonObject { [name] = "call me maybe" }.ToJsonString()), $"an invalid phone number in {name}", client);
                }
            }
        }

        var admin = clientFor("/api/campaigns");
        foreach (var (csv, what) in BadFiles)
        {
            barrage.Add(HttpMethod.Post, $"api/campaigns/{campaignId}/imports", new StringContent(csv, Encoding.UTF8, "text/csv"), what, admin);
            barrage.Add(HttpMethod.Post, $"api/campaigns/{campaignId}/leads", Json(new JsonObject { ["csv"] = csv }.ToJsonString()), what, admin);
        }
        // A file whose rows are all bad is read, and every row is reported rejected: nothing may be added.
        foreach (var (csv, what) in BadRows)
            barrage.Add(HttpMethod.Post, $"api/campaigns/{campaignId}/leads", Json(new JsonObject { ["csv"] = csv }.ToJsonString()), what, admin, rowsOnly: true);
        return barrage;
    }

    /// <summary>Files refused as a whole.</summary>
    private static readonly (string Csv, string What)[] BadFiles =
    [
        ("name,email\nAda,ada@example.test\n", "a CSV without a phone column"),
        ("", "an empty CSV"),
        ("\u0000\u0001\u0002binary\u00ff", "binary bytes as a CSV"),
        ("phone,phone\n+12125550100,+12125550101\n", "a CSV with the phone column twice"),
    ];

    /// <summary>Files read row by row, every row of them bad.</summary>
    private static readonly (string Csv, string What)[] BadRows =
    [
        ("phone,name\n\"+12125550100,Unclosed quote\n", "a CSV with an unclosed quote"),
        ("phone,name\nnot a phone,A\n+1,B\n+999999999999999999,C\n12,D\n", "a CSV of invalid phone numbers"),
    ];

    /// <summary>One pass over every probe; answers are counted, a 5xx other than 503 is recorded as a server error.</summary>
    public async Task RunPassAsync(CancellationToken stop)
    {
        var first = Interlocked.Increment(ref _passes) == 1;
        foreach (var (method, path, content, what, client, firstPassOnly, rowsOnly) in _probes)
        {
            if (stop.IsCancellationRequested) return;
            if (firstPassOnly && !first) continue;
            using var request = new HttpRequestMessage(method, path) { Content = await CopyAsync(content) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            HttpResponseMessage response;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                response = await client.SendAsync(request, stop);
                var wait = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                lock (_slowestLock)
                    if (wait > Slowest.Wait) Slowest = (wait, $"{method} {path} with {what} ({(int)response.StatusCode})");
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (TaskCanceledException) when (!stop.IsCancellationRequested)
            {
                // No answer within the client's timeout: as bad as a 500 for a client, and worth knowing which.
                _answers.AddOrUpdate(-1, 1, (_, n) => n + 1);
                Interlocked.Increment(ref _sent);
                _serverErrors.Enqueue($"{method} {path} with {what}: no answer within {client.Timeout.TotalSeconds:0} s");
                continue;
            }
            catch (HttpRequestException)
            {
                // Kestrel may reset a connection whose oversized body it refused before the client read the 413.
                _answers.AddOrUpdate(0, 1, (_, n) => n + 1);
                Interlocked.Increment(ref _sent);
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                _answers.AddOrUpdate(status, 1, (_, n) => n + 1);
                Interlocked.Increment(ref _sent);
                if (status >= 500 && status != 503)
                    _serverErrors.Enqueue($"{method} {path} with {what}: {status} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                else if (status < 400 && !(rowsOnly && await NothingAddedAsync(response)))
                    _serverErrors.Enqueue($"{method} {path} with {what} was accepted: {status} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
            }
        }
    }

    private void Add(HttpMethod method, string path, HttpContent content, string what, HttpClient client, bool firstPassOnly = false, bool rowsOnly = false) =>
        _probes.Add((method, path, content, what, client, firstPassOnly, rowsOnly));

    private static async Task<bool> NothingAddedAsync(HttpResponseMessage response)
    {
        var report = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return report.GetProperty("added").GetInt32() == 0;
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<HttpContent> CopyAsync(HttpContent content)
    {
        var copy = new ByteArrayContent(await content.ReadAsByteArrayAsync());
        copy.Headers.ContentType = content.Headers.ContentType;
        return copy;
    }

    private static bool IsPhoneField(string name) =>
        name is "to" or "number" or "from" or "callerId" || name.EndsWith("Number", StringComparison.Ordinal) || name.Contains("phone", StringComparison.OrdinalIgnoreCase);

    private static JsonNode WrongType(JsonObject schema) => Type(schema) switch
    {
        "string" => JsonValue.Create(12345),
        "integer" or "number" => JsonValue.Create("twelve"),
        "boolean" => JsonValue.Create("yes"),
        "array" => JsonValue.Create("not a list"),
        _ => JsonValue.Create(true),
    };

    private static string Type(JsonObject schema) => schema["type"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "object",
        _ => "object",
    };
}
