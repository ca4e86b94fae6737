using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>
/// Valid requests of every kind clients send, and every way of breaking them one field at a time:
/// each field at every depth replaced by each JSON type, or left out.
/// </summary>
internal static class RequestMutations
{
    /// <summary>Raw JSON: 1e309 cannot be held by a .NET double, so it stays text.</summary>
    public static readonly string[] Values = ["null", "true", "0", "-1", "1e309", "\"\"", "\"x\"", "[]", "{}", "[null]"];

    public static IReadOnlyList<(string Name, string Json)> Seeds() =>
    [
        ("plain chat", """
            {"model":"claude-sonnet-4-5","messages":[{"role":"system","content":"Be brief."},{"role":"developer","content":[{"type":"text","text":"Rules."}]},
             {"role":"user","content":"hi","name":"ann"}],"stream":false,"temperature":0.5,"top_p":0.9,"max_tokens":100,"n":1,"user":"u1"}
            """),
        ("tools, tool calls and tool results", """
            {"model":"claude-sonnet-4-5","tools":[{"type":"function","function":{"name":"read_file","description":"Reads","strict":false,
               "parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}}],
             "tool_choice":{"type":"function","function":{"name":"read_file"}},"parallel_tool_calls":false,
             "messages":[{"role":"user","content":"read a"},
               {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"read_file","arguments":"{\"path\":\"a\"}"}}]},
               {"role":"tool","tool_call_id":"call_1","content":"contents"},{"role":"user","content":"thanks"}]}
            """),
        ("images", $$$"""
            {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":[{"type":"text","text":"look"},
               {"type":"image_url","image_url":{"url":"{{{TestImages.DataUrl(TestImages.Png(2, 2))}}}","detail":"auto"}},
               {"type":"image_url","image_url":{"url":"{{{TestImages.DataUrl(TestImages.Bmp24(2, 2), "image/bmp")}}}"}}]}]}
            """),
        ("streaming with options", """
            {"model":"claude-sonnet-4-5","stream":true,"stream_options":{"include_usage":true},"max_completion_tokens":-1,
             "response_format":{"type":"json_schema","json_schema":{"name":"a","schema":{"type":"object"}}},"tool_choice":"auto",
             "presence_penalty":0.5,"frequency_penalty":-0.5,"stop":["END"],"seed":3,"metadata":{"k":"v"},
             "messages":[{"role":"user","content":[{"type":"text","text":"go"}]}]}
            """),
    ];

    /// <summary>Every mutation of every seed: (seed, where, what, the mutated body).</summary>
    public static IEnumerable<(string Seed, string Path, string Value, string Body)> All()
    {
        foreach (var (name, json) in Seeds())
        {
            var seed = JsonNode.Parse(json)!;
            foreach (var path in Paths(seed, ""))
            {
                foreach (var value in Values) yield return (name, path, value, Replace(seed, path, value));
                yield return (name, path, "(removed)", Replace(seed, path, null));
            }
        }
    }

    private static IEnumerable<string> Paths(JsonNode node, string at)
    {
        IEnumerable<(string, JsonNode?)> children = node switch
        {
            JsonObject o => o.Select(p => ($"{at}/{p.Key}", p.Value)),
            JsonArray a => a.Select((v, i) => ($"{at}/{i}", v)),
            _ => [],
        };
        foreach (var (path, child) in children)
        {
            yield return path;
            if (child is not null) foreach (var deeper in Paths(child, path)) yield return deeper;
        }
    }

    /// <summary>The seed with the node at <paramref name="path"/> replaced by raw JSON, or removed when null.</summary>
    private static string Replace(JsonNode seed, string path, string? value)
    {
        const string Marker = "__mutation_marker__";
        var copy = seed.DeepClone();
        var steps = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = steps[..^1].Aggregate(copy, (node, step) => node is JsonArray a ? a[int.Parse(step)]! : node[step]!);
        var last = steps[^1];
        if (parent is JsonArray array)
        {
            if (value is null) array.RemoveAt(int.Parse(last));
            else array[int.Parse(last)] = Marker;
        }
        else if (value is null) ((JsonObject)parent).Remove(last);
        else parent[last] = Marker;
        return value is null ? copy.ToJsonString() : copy.ToJsonString().Replace($"\"{Marker}\"", value, StringComparison.Ordinal);
    }
}
