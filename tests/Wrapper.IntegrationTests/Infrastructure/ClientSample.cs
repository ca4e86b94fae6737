using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests.Infrastructure;

/// <summary>A recorded client request (ClientSamples/), with fake-model directives added to its last message.</summary>
internal static class ClientSample
{
    public static IEnumerable<string> Names(Func<JsonNode, bool> where) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ClientSamples"), "*.json")
            .Where(file => where(JsonNode.Parse(File.ReadAllText(file))!))
            .Select(Path.GetFileNameWithoutExtension)
            .Order()!;

    public static bool HasTools(JsonNode body) => body["tools"] is JsonArray { Count: > 0 };

    /// <summary>
    /// The sample with the model the fake CLI serves and the directives appended to the last message
    /// (a text part for parts arrays, a new line for strings), which is where the fake reads them.
    /// </summary>
    public static JsonNode Load(string name, bool? stream, params string[] directives)
    {
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ClientSamples", name + ".json")))!;
        body["model"] = ChatRequests.Model; // every sample goes to the fake Claude; the protocol is the gateway's
        if (stream is { } value) body["stream"] = value;
        var last = body["messages"]!.AsArray()[^1]!;
        var text = FakeCli.Directives(directives);
        if (last["content"] is JsonArray parts) parts.Add(new JsonObject { ["type"] = "text", ["text"] = "\n" + text });
        else last["content"] = (last["content"]?.GetValue<string>() ?? "") + "\n" + text;
        return body;
    }

    public static IReadOnlyList<string> ToolNames(JsonNode body) =>
        [.. body["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>())];
}
