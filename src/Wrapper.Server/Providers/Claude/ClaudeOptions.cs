namespace Wrapper.Server.Providers.Claude;

/// <summary>Claude Code settings. Keys are the environment variable names.</summary>
internal sealed record ClaudeOptions
{
    /// <summary>A path, or a command name looked up on PATH and in ./node_modules/.bin.</summary>
    [ConfigurationKeyName("CLAUDE_CLI_PATH")] public string CliPath { get; init; } = "claude";

    /// <summary>Model ids starting with this go to Claude Code.</summary>
    [ConfigurationKeyName("CLAUDE_MODEL_PREFIX")] public string ModelPrefix { get; init; } = "claude-";

    /// <summary>Comma-separated ids listed by /v1/models. Any id with the prefix is accepted and handed to the CLI.</summary>
    [ConfigurationKeyName("CLAUDE_MODELS")]
    public string Models { get; init; } = "claude-opus-5-5,claude-sonnet-5-5,claude-haiku-5-5,claude-opus,claude-sonnet,claude-haiku";
}
