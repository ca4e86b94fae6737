using System.Text.Json.Nodes;

namespace Wrapper.Server.Providers.Claude;

/// <summary>
/// The model's identity as Claude Code 2.1.332 states it in a conversation's first message ("You are
/// powered by the model named …"), from its own model table (docs/cli/REPORT.md §11). A resumed
/// session carries it as an attachment record; Claude Code repeats it in the new message when the
/// record differs from its own, which only costs prefix-cache hits, never a wrong answer.
/// </summary>
internal static class ClaudeModelFacts
{
    private static readonly Dictionary<string, (string Name, string Cutoff)> Known = new(StringComparer.Ordinal)
    {
        ["claude-fable-5-2"] = ("Fable 5.2", "June 2026"),
        ["claude-haiku-4-5"] = ("Haiku 4.5", "February 2025"),
        ["claude-haiku-5-5"] = ("Haiku 5.5", "June 2026"),
        ["claude-opus-4-5"] = ("Opus 4.5", "May 2025"),
        ["claude-opus-4-6"] = ("Opus 4.6", "May 2025"),
        ["claude-opus-4-7"] = ("Opus 4.7", "January 2026"),
        ["claude-opus-4-8"] = ("Opus 4.8", "January 2026"),
        ["claude-opus-5"] = ("Opus 5", "May 2026"),
        ["claude-opus-5-5"] = ("Opus 5.5", "June 2026"),
        ["claude-sonnet-4-5"] = ("Sonnet 4.5", "January 2025"),
        ["claude-sonnet-4-6"] = ("Sonnet 4.6", "August 2025"),
        ["claude-sonnet-5"] = ("Sonnet 5", "January 2026"),
        ["claude-sonnet-5-5"] = ("Sonnet 5.5", "June 2026"),
    };

    // The CLI's own aliases (ClaudeModelAliases hands them over) as 2.1.332 resolves them (docs/cli/CHANGES-2026-12.md).
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["opus"] = "claude-opus-5-5",
        ["sonnet"] = "claude-sonnet-5-5",
        ["haiku"] = "claude-haiku-5-5",
        ["fable"] = "claude-fable-5-2",
    };

    /// <summary>The <c>model</c> attachment record for the model handed to <c>--model</c>.</summary>
    public static JsonObject Attachment(string cliModel)
    {
        var id = Aliases.GetValueOrDefault(cliModel, cliModel);
        var identity = new JsonObject { ["modelId"] = id };
        string text;
        if (Known.TryGetValue(id, out var facts))
        {
            identity["marketingName"] = facts.Name;
            identity["knowledgeCutoff"] = facts.Cutoff;
            text = $"You are powered by the model named {facts.Name}. The exact model ID is {id}. Assistant knowledge cutoff is {facts.Cutoff}.";
        }
        else
        {
            identity["marketingName"] = null;
            text = $"You are powered by the model {id}.";
        }
        return new JsonObject { ["type"] = "model", ["identity"] = identity, ["text"] = text };
    }
}
