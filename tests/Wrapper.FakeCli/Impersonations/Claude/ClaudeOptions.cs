namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>The part of claude's argv the fake acts on; every other flag is accepted and ignored.</summary>
internal sealed record ClaudeOptions(
    string OutputFormat,
    bool Verbose,
    bool IncludePartialMessages,
    string? Model,
    string? SystemPromptFile,
    string? Tools,
    string PermissionMode)
{
    public bool StreamsJson => OutputFormat == "stream-json";

    public static ClaudeOptions Parse(IReadOnlyList<string> args) => new(
        OutputFormat: Value(args, "--output-format") ?? "text",
        Verbose: args.Contains("--verbose"),
        IncludePartialMessages: args.Contains("--include-partial-messages"),
        Model: Value(args, "--model"),
        SystemPromptFile: Value(args, "--system-prompt-file"),
        Tools: Value(args, "--tools"),
        PermissionMode: Value(args, "--permission-mode") ?? "default");

    /// <summary>The value of "--flag value" or "--flag=value"; the last occurrence wins, as in commander.</summary>
    public static string? Value(IReadOnlyList<string> args, string flag)
    {
        string? value = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == flag && i + 1 < args.Count) value = args[++i];
            else if (args[i].StartsWith(flag + "=", StringComparison.Ordinal)) value = args[i][(flag.Length + 1)..];
        }
        return value;
    }

    /// <summary>The tools init lists: all by default, none for --tools "", else the names given.</summary>
    public IReadOnlyList<string> ToolNames() => Tools switch
    {
        null or "default" => ClaudeDefaults.Tools,
        _ => Tools.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries),
    };
}
