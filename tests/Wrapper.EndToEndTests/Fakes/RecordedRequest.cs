namespace Wrapper.EndToEndTests.Fakes;

/// <summary>One HTTP request as the fake Anthropic server received it. Secret headers are redacted.</summary>
/// <param name="Method">HTTP method, e.g. <c>POST</c>.</param>
/// <param name="PathAndQuery">Path plus query string, e.g. <c>/v1/messages?beta=true</c>.</param>
/// <param name="Headers">Request headers, looked up case-insensitively; several values are joined with ",".</param>
/// <param name="Body">The body as UTF-8 text (empty when there was none).</param>
internal sealed record RecordedRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    string Body)
{
    /// <summary>The path without the query string.</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];

    /// <summary>True for a call that asks the model for an answer (not count_tokens, models or the health check).</summary>
    public bool IsModelCall => Method == "POST" && Path.TrimEnd('/') == "/v1/messages";

    /// <summary>The header's value, or null when the request did not carry it.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
