using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.TestSupport;

/// <summary>Request bodies as clients send them, and posting helpers.</summary>
public static class ChatRequests
{
    public const string Model = "claude-sonnet-4-5";

    public static JsonObject Body(string userText, bool stream = false, bool includeUsage = false, string model = Model, string? system = null)
    {
        var messages = new JsonArray();
        if (system is not null) messages.Add(new JsonObject { ["role"] = "system", ["content"] = system });
        messages.Add(new JsonObject { ["role"] = "user", ["content"] = userText });
        var body = new JsonObject { ["model"] = model, ["messages"] = messages, ["stream"] = stream };
        if (includeUsage) body["stream_options"] = new JsonObject { ["include_usage"] = true };
        return body;
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, JsonNode body, CancellationToken cancellationToken = default) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(body) },
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string body, string path = "v1/chat/completions", CancellationToken cancellationToken = default) =>
        client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), cancellationToken);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, CancellationToken cancellationToken = default) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
}
