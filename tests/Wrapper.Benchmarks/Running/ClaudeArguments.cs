namespace Wrapper.Benchmarks.Running;

/// <summary>
/// The arguments the gateway gives Claude Code (Providers/Claude/ClaudeProvider.BuildInvocation, plain
/// chat without tools), so that a direct run starts the CLI exactly as the gateway does.
/// </summary>
internal static class ClaudeArguments
{
    public const string Model = "claude-sonnet-4-5";

    public static IReadOnlyList<string> For(string systemPromptFile) =>
    [
        "-p", "--output-format", "stream-json", "--verbose", "--include-partial-messages",
        "--model", Model, "--no-session-persistence", "--system-prompt-file", systemPromptFile,
        "--tools", "", "--strict-mcp-config", "--disable-slash-commands",
    ];
}
