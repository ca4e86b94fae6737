using System.Globalization;

namespace Wrapper.FakeCli.Scripting;

/// <summary>
/// Reads "FAKE:&lt;name&gt; [argument]" lines (trimmed, anywhere in the prompt). The gateway flattens a
/// whole conversation into one prompt, so older turns may repeat a directive: the last one wins
/// (stderr and tool lines add up).
/// Texts (reply, thinking, stderr) accept the escapes \n, \t and \\ so one line can carry several.
/// </summary>
internal static class ScriptParser
{
    private const string Prefix = "FAKE:";

    public static Script Parse(string prompt, TextWriter warnings)
    {
        var script = new Script();
        foreach (var rawLine in prompt.Split('\n'))
        {
            var line = rawLine.Trim();
            if (!line.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var body = line[Prefix.Length..].Trim();
            var space = body.IndexOfAny([' ', '\t']);
            var name = space < 0 ? body : body[..space];
            var argument = space < 0 ? "" : body[(space + 1)..].Trim();
            script = Apply(script, name, argument) ?? Warn(script, warnings, line);
        }
        return script;
    }

    private static Script? Apply(Script script, string name, string argument) => name switch
    {
        "reply" => script with { Reply = Unescape(argument), ReplyGiven = true },
        "tool" => ToolCall(argument) is { } call ? script with { ToolCalls = [.. script.ToolCalls, call] } : null,
        "thinking" => script with { Thinking = Unescape(argument) },
        "usage" => UsageParser.Apply(script, argument),
        "chunk-delay" => Milliseconds(argument) is { } delay ? script with { ChunkDelay = delay } : null,
        "sleep" => Milliseconds(argument) is { } sleep ? script with { Sleep = sleep } : null,
        "max-tokens" => script with { MaxTokens = true },
        "retries" => Integer(argument) is >= 0 and var n ? script with { Retries = n } : null,
        "replay" => argument.Length > 0 ? script with { Replay = argument } : null,
        "error" => argument.Length > 0 ? script with { Error = argument } : null,
        "stderr" => script with { StderrLines = [.. script.StderrLines, Unescape(argument)] },
        "exit" => Integer(argument) is { } code ? script with { ExitCode = code } : null,
        "crash" => script with { Crash = true },
        "hang" => script with { Hang = true },
        "ignore-sigterm" => script with { IgnoreSigterm = true },
        "spawn-child" => script with { SpawnChild = true },
        "spawn-escaping-child" => script with { SpawnEscapingChild = true },
        "echo-stdin" => script with { EchoStdin = true },
        "mcp-offline" => script with { McpOffline = true },
        "record" => argument.Length > 0 ? script with { RecordDirectory = argument } : null,
        _ => null,
    };

    /// <summary>"&lt;name&gt; [json]": several tool lines make parallel calls, so they add up.</summary>
    private static FakeToolCall? ToolCall(string argument)
    {
        if (argument.Length == 0) return null;
        var space = argument.IndexOf(' ');
        return space < 0 ? new FakeToolCall(argument, "") : new FakeToolCall(argument[..space], argument[(space + 1)..].Trim());
    }

    private static Script Warn(Script script, TextWriter warnings, string line)
    {
        // Loud but harmless: a typo in a test should be visible in the CLI's stderr tail.
        warnings.WriteLine($"fake-cli: ignored directive: {line}");
        return script;
    }

    internal static int? Integer(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static TimeSpan? Milliseconds(string text) =>
        Integer(text) is >= 0 and var ms ? TimeSpan.FromMilliseconds(ms) : null;

    private static string Unescape(string text) =>
        !text.Contains('\\') ? text : text.Replace("\\\\", "\u0000").Replace("\\n", "\n").Replace("\\t", "\t").Replace("\u0000", "\\");
}
