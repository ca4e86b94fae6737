using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests.Responses;

/// <summary>Responses API bodies and the events of a streamed answer, as a client reads them.</summary>
internal static class ResponsesRequests
{
    public static JsonObject Body(string input, bool stream = false, string? previousResponseId = null, bool? store = null)
    {
        var body = new JsonObject { ["model"] = ChatRequests.Model, ["input"] = input, ["stream"] = stream };
        if (previousResponseId is not null) body["previous_response_id"] = previousResponseId;
        if (store is not null) body["store"] = store;
        return body;
    }

    public static Task<HttpResponseMessage> PostResponsesAsync(this HttpClient client, JsonNode body, CancellationToken cancellationToken, string path = "v1/responses") =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>The <c>event:</c> name and JSON of every SSE event, in order; keepalive comments skipped.</summary>
    public static async Task<List<(string Name, JsonElement Data)>> EventsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var events = new List<(string, JsonElement)>();
        string? name = null;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((name ?? "", JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone()));
                name = null;
            }
        }
        return events;
    }

    public static string Type(this JsonElement element) => element.GetProperty("type").GetString()!;
}
