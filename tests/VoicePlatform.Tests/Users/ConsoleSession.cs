using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoicePlatform.Tests.Http;

namespace VoicePlatform.Tests.Users;

/// <summary>
/// A browser's view of the console's API, without a browser: a cookie jar (the session cookie), and the session's CSRF
/// token sent on every change as the console's script does.
/// </summary>
public sealed class ConsoleSession : IDisposable
{
    private readonly HttpClient _client;

    public ConsoleSession(Uri baseAddress, HttpMessageHandler? handler = null)
    {
        Cookies = (handler as SocketsHttpHandler)?.CookieContainer ?? new CookieContainer();
        _client = new HttpClient(handler ?? new HttpClientHandler { CookieContainer = Cookies, UseCookies = true }) { BaseAddress = baseAddress };
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public CookieContainer Cookies { get; }

    public string? CsrfToken { get; set; }

    public HttpClient Http => _client;

    public Cookie? SessionCookie => Cookies.GetCookies(BaseAddress).FirstOrDefault(c => c.Name == "vp_session");

    /// <summary>Accepts an invitation token (as the link's page does) and keeps the CSRF token answered.</summary>
    public async Task<HttpResponseMessage> AcceptAsync(string token, string displayName, string password)
    {
        var response = await _client.PostAsJsonAsync("api/invitations/accept", new { token, displayName, password });
        await RememberCsrfAsync(response);
        return response;
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var response = await _client.PostAsJsonAsync("api/session", new { email, password });
        await RememberCsrfAsync(response);
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, bool csrf = true, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (csrf && CsrfToken is not null) request.Headers.Add("X-CSRF-Token", CsrfToken);
        configure?.Invoke(request);
        return _client.SendAsync(request);
    }

    private async Task RememberCsrfAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode) return;
        // Read as text, which leaves the buffered answer readable for a test that wants it too.
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        CsrfToken = body.GetProperty("csrfToken").GetString();
    }

    public void Dispose() => _client.Dispose();
}
