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
    public static void AssertContinues(JsonObject earlier, JsonObject later)
    {
        Assert.That(Canonical(later["system"]), Is.EqualTo(Canonical(earlier["system"])), "the same system");
        Assert.That(Canonical(later["tools"]), Is.EqualTo(Canonical(earlier["tools"])), "the same tools");
        var before = earlier["messages"]!.AsArray();
        var after = later["messages"]!.AsArray();
        Assert.That(after, Has.Count.GreaterThan(before.Count));
        for (var i = 0; i < before.Count; i++)
            Assert.That(Canonical(after[i]), Is.EqualTo(Canonical(before[i])), $"messages[{i}] unchanged");
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
