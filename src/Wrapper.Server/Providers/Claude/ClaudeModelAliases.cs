using Wrapper.Server.Core;

namespace Wrapper.Server.Providers.Claude;

/// <summary>
/// The alias ids <c>claude-opus</c>, <c>claude-sonnet</c> and <c>claude-haiku</c> follow the CLI: they are
/// handed to Claude Code as its own aliases (<c>opus</c>, <c>sonnet</c>, <c>haiku</c>), which each release
/// resolves to its current model. /v1/models lists what they resolve to, asked of the installed CLI without
/// a model call: in a stream-json session the slash command <c>/model &lt;alias&gt;</c> switches the model
/// locally and each turn's <c>init</c> event names the current one (2.1.332: <c>claude-opus-5-5</c>,
/// <c>claude-sonnet-5-5</c>, <c>claude-haiku-5-5</c>; docs/cli/CHANGES-2026-12.md).
/// </summary>
internal sealed class ClaudeModelAliases : ICliModelReporter
{
    private static readonly Dictionary<string, string> CliAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["claude-opus"] = "opus",
        ["claude-sonnet"] = "sonnet",
        ["claude-haiku"] = "haiku",
    };

    /// <summary>The value of <c>--model</c> for a requested id (without any -progress suffix).</summary>
    public static string ForCli(string model) => CliAliases.GetValueOrDefault(model, model);

    public string ProviderName => ClaudeProvider.ProviderName;

    /// <summary>A session on the first alias that makes no model call: no tools, no settings, no MCP, no transcript.</summary>
    public IReadOnlyList<string> Arguments { get; } =
    [
        "-p", "--output-format", "stream-json", "--verbose", "--input-format", "stream-json",
        "--model", CliAliases.Values.First(), "--tools", "", "--strict-mcp-config", "--setting-sources", "",
        "--no-session-persistence",
    ];

    /// <summary>
    /// One turn per alias: the first turn's <c>init</c> shows the first alias; each <c>/model &lt;next&gt;</c>
    /// turn switches, so the next turn's <c>init</c> shows that one; the last <c>/model</c> only shows it.
    /// </summary>
    public string StandardInput { get; } = string.Concat(
        CliAliases.Values.Skip(1).Select(alias => $"/model {alias}").Append("/model")
            .Select(command => ClaudeStreamInput.UserMessage(command, [])));

    /// <summary>The models the <c>init</c> events name, one per alias, in order; none when the output is not that.</summary>
    public IReadOnlyList<string> Read(string output)
    {
        var models = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            if (!JsonLines.TryParse(line, out var document)) continue;
            using (document)
            {
                var root = document.RootElement;
                if (root.GetString("type") == "system" && root.GetString("subtype") == "init"
                    && ModelReported.From(root.GetString("model")) is { } model)
                    models.Add(model.Model);
            }
        }
        return models.Count == CliAliases.Count ? models.Distinct(StringComparer.OrdinalIgnoreCase).ToList() : [];
    }
}
