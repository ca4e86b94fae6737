using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Wrapper.EndToEndTests.Fakes;

/// <summary>
/// Anthropic's prefix prompt cache, emulated (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching):
/// the prompt is its tools, then its system blocks, then its messages' blocks, in order; a block with
/// <c>cache_control</c> is a breakpoint. The longest prefix that ended at a breakpoint of an earlier
/// request is read from the cache; the rest up to this request's last breakpoint is written; what
/// follows is plain input. Tokens are counted as a block's JSON length / 4.
/// </summary>
internal sealed class FakePromptCache
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _cached = [];
    private readonly List<PromptCacheUsage> _usages = [];

    /// <summary>Every model call's split so far, in arrival order.</summary>
    public IReadOnlyList<PromptCacheUsage> Usages
    {
        get { lock (_lock) return [.. _usages]; }
    }

    public PromptCacheUsage Account(string body)
    {
        var blocks = Blocks(JsonNode.Parse(body)!.AsObject());
        var prefixes = new List<string>(blocks.Count);
        var hash = "";
        foreach (var block in blocks) prefixes.Add(hash = Hash(hash + "\n" + block.Text));
        var lastBreakpoint = blocks.FindLastIndex(b => b.Breakpoint);
        lock (_lock)
        {
            var hit = -1;
            for (var i = lastBreakpoint; i >= 0 && hit < 0; i--)
                if (_cached.Contains(prefixes[i])) hit = i;
            var read = Tokens(blocks, 0, hit + 1);
            var written = Tokens(blocks, hit + 1, lastBreakpoint + 1);
            var usage = new PromptCacheUsage(Tokens(blocks, 0, blocks.Count) - read - written, read, written);
            for (var i = 0; i < blocks.Count; i++)
                if (blocks[i].Breakpoint) _cached.Add(prefixes[i]);
            _usages.Add(usage);
            return usage;
        }
    }

    private static int Tokens(List<PromptBlock> blocks, int from, int to) =>
        blocks.Skip(from).Take(Math.Max(0, to - from)).Sum(b => Math.Max(1, b.Text.Length / 4));

    private static List<PromptBlock> Blocks(JsonObject request)
    {
        var blocks = new List<PromptBlock>();
        foreach (var tool in request["tools"] as JsonArray ?? []) blocks.Add(Block(tool));
        if (request["system"] is JsonArray system) blocks.AddRange(system.Select(Block));
        else if (request["system"] is JsonValue text) blocks.Add(new PromptBlock(text.ToJsonString(), false));
        foreach (var message in request["messages"] as JsonArray ?? [])
        {
            var role = message?["role"]?.GetValue<string>() ?? "";
            if (message?["content"] is JsonArray content) blocks.AddRange(content.Select(b => Block(b) with { Text = role + Block(b).Text }));
            else blocks.Add(new PromptBlock(role + message?["content"]?.ToJsonString(), false));
        }
        return blocks;
    }

    /// <summary>A block's JSON without its breakpoint mark, which is no part of the prefix.</summary>
    private static PromptBlock Block(JsonNode? node)
    {
        var copy = node?.DeepClone();
        var breakpoint = copy is JsonObject o && o.Remove("cache_control");
        return new PromptBlock(copy?.ToJsonString() ?? "null", breakpoint);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private sealed record PromptBlock(string Text, bool Breakpoint);
}

/// <summary>One model call's input: plain, read from the cache, written to it.</summary>
internal sealed record PromptCacheUsage(int InputTokens, int CacheReadTokens, int CacheCreationTokens)
{
    public int Total => InputTokens + CacheReadTokens + CacheCreationTokens;
}
