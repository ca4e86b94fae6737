using System.Text;
using System.Text.RegularExpressions;

namespace Wrapper.Server.Tools;

/// <summary>
/// Names under which client tools are served over MCP. Anthropic allows at most 64 characters of
/// <c>[a-zA-Z0-9_-]</c> and Claude Code prefixes <c>mcp__&lt;server&gt;__</c>, so names that are
/// longer or hold other characters get a short, unique stand-in; the gateway maps it back, and
/// MCP-style names such as <c>mcp--server--tool</c> pass unchanged. Codex turns every <c>-</c> into
/// <c>_</c> (so <c>a-b</c> and <c>a_b</c> would collide): for it, names with hyphens get a stand-in too.
/// </summary>
internal static partial class McpToolNames
{
    /// <param name="reserved">Names already taken (the gateway's own tools): a client tool of that name gets a stand-in.</param>
    public static IReadOnlyList<McpTool> Assign(IReadOnlyList<ToolSpec> tools, int maxLength, bool hyphens = true, IEnumerable<string>? reserved = null)
    {
        var assigned = new List<McpTool>();
        var used = new HashSet<string>(reserved ?? [], StringComparer.Ordinal);
        for (var i = 0; i < tools.Count; i++)
        {
            var name = tools[i].Name;
            if (!SafeName().IsMatch(name) || (!hyphens && name.Contains('-')) || name.Length > maxLength || used.Contains(name))
                name = Unique(Sanitize(name, maxLength - 6, hyphens), i, used);
            used.Add(name);
            assigned.Add(new McpTool(name, tools[i]));
        }
        return assigned;
    }

    private static string Sanitize(string name, int maxLength, bool hyphens)
    {
        var safe = new StringBuilder();
        foreach (var c in name) safe.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (hyphens && c == '-') ? c : '_');
        return safe.Length > maxLength ? safe.ToString(0, maxLength) : safe.ToString();
    }

    private static string Unique(string stem, int index, HashSet<string> used)
    {
        for (var suffix = index; ; suffix += 1000)
        {
            var candidate = $"{stem}_t{suffix}";
            if (!used.Contains(candidate)) return candidate;
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]+$")]
    private static partial Regex SafeName();
}
