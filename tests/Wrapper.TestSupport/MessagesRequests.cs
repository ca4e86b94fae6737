using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.TestSupport;

/// <summary>Anthropic Messages bodies as clients send them, posting with <c>anthropic-version</c>, and the named SSE events.</summary>
public static class MessagesRequests
{
    public const string Version = "2023-06-01";

    public static JsonObject Body(string userText, bool stream = false, string model = ChatRequests.Model, int maxTokens = 1024) => new()
    {
        ["model"] = model,
        ["max_tokens"] = maxTokens,
        ["stream"] = stream,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = userText }),
    };

    public static Task<HttpResponseMessage> PostMessagesAsync(this HttpClient client, JsonNode body, CancellationToken cancellationToken = default, string path = "v1/messages") =>
        client.PostMessagesRawAsync(body.ToJsonString(), cancellationToken, path);

    public static Task<HttpResponseMessage> PostMessagesRawAsync(this HttpClient client, string body, CancellationToken cancellationToken = default, string path = "v1/messages", string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add("anthropic-version", Version);
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Every event of an Anthropic stream: its <c>event:</c> name and the JSON of its <c>data:</c> line, in order.</summary>
    public static async Task<List<NamedEvent>> ReadEventsAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var events = new List<NamedEvent>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        string? name = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(new NamedEvent(name ?? throw new InvalidDataException($"data without an event name: {line}"), JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone()));
                name = null;
            }
            else if (line.Length > 0) throw new InvalidDataException($"Not an Anthropic SSE line: {line}");
        }
        return events;
    }
}

public sealed record NamedEvent(string Name, JsonElement Data);
