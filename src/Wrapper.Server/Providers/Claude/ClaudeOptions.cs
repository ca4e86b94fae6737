namespace Wrapper.Server.Providers.Claude;

/// <summary>Claude Code settings: <c>CLAUDE_CLI_PATH</c>, <c>CLAUDE_MODEL_PREFIX</c>, <c>CLAUDE_MODELS</c> (see <see cref="CliOptions"/>).</summary>
/// <remarks>
/// The listed defaults are the alias ids only: /v1/models adds what they resolve to, asked of the installed CLI
/// (ClaudeModelAliases), so a new release's models appear without a new list.
/// </remarks>
internal sealed record ClaudeOptions() : CliOptions("CLAUDE", "claude", "claude-", "claude-opus,claude-sonnet,claude-haiku")
{
    /// <summary>
    /// The alias ids follow the CLI: <c>claude-opus</c> goes to Claude Code as its own alias <c>opus</c>,
    /// which each release resolves to its current model (ClaudeModelAliases).
    /// </summary>
    public override string CliModel(string model) => ClaudeModelAliases.ForCli(model);
}
