using System.Text.Json.Nodes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// Prefix stability between consecutive upstream calls of an agent loop: the later call begins with
/// the earlier one (the same system, tools and earlier messages), so a provider's prefix cache hits.
/// Only the <c>cache_control</c> breakpoints may move: they mark where a prefix ends and are no part
/// of it (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching).
/// </summary>
internal static class UpstreamPrefix
{
    public static void AssertContinues(JsonObject earlier, JsonObject later) => AssertContinues(earlier, later, "messages", "system", "tools");

    /// <summary>
    /// The same for any API: <paramref name="fixedFields"/> equal, and the later <paramref name="list"/>
    /// (Anthropic and Chat <c>messages</c>, Gemini <c>contents</c>, Responses <c>input</c>) begins with the earlier one.
    /// </summary>
    public static void AssertContinues(JsonObject earlier, JsonObject later, string list, params string[] fixedFields)
    {
        foreach (var field in fixedFields)
            Assert.That(Canonical(later[field]), Is.EqualTo(Canonical(earlier[field])), $"the same {field}");
        var before = earlier[list]!.AsArray();
        var after = later[list]!.AsArray();
        Assert.That(after, Has.Count.GreaterThan(before.Count));
        for (var i = 0; i < before.Count; i++)
            Assert.That(Canonical(after[i]), Is.EqualTo(Canonical(before[i])), $"{list}[{i}] unchanged");
    }

    /// <summary>The JSON text without its cache_control breakpoints.</summary>
    private static string Canonical(JsonNode? node)
    {
        var copy = node?.DeepClone();
        Strip(copy);
        return copy?.ToJsonString() ?? "null";
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                o.Remove("cache_control");
                foreach (var (_, value) in o) Strip(value);
                break;
            case JsonArray a:
                foreach (var item in a) Strip(item);
                break;
        }
    }
}
