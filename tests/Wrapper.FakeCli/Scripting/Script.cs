namespace Wrapper.FakeCli.Scripting;

/// <summary>What the FAKE: directives in the prompt asked for. Defaults give a plain, successful answer.</summary>
internal sealed record Script
{
    public const string DefaultReply = "Hello from fake";

    public string Reply { get; init; } = DefaultReply;
    public string? Thinking { get; init; }
    public TokenUsage Usage { get; init; } = new();
    public TimeSpan ChunkDelay { get; init; }
    public TimeSpan Sleep { get; init; }
    public bool MaxTokens { get; init; }
    public int Retries { get; init; }
    public string? Replay { get; init; }
    public string? Error { get; init; }
    public IReadOnlyList<string> StderrLines { get; init; } = [];
    public int? ExitCode { get; init; }
    public bool Crash { get; init; }
    public bool Hang { get; init; }
    public bool IgnoreSigterm { get; init; }
    public bool SpawnChild { get; init; }

    /// <summary>FAKE:spawn-escaping-child: the grandchild leaves our session and process group (setsid).</summary>
    public bool SpawnEscapingChild { get; init; }
    public bool EchoStdin { get; init; }
    public string? RecordDirectory { get; init; }

    /// <summary>FAKE:mcp-offline: the CLI's MCP connection fails (its first turn decides), so its tools are missing.</summary>
    public bool McpOffline { get; init; }

    /// <summary>FAKE:tool lines, in order: the model calls these tools (name as the CLI knows it, JSON input).</summary>
    public IReadOnlyList<FakeToolCall> ToolCalls { get; init; } = [];

    /// <summary>With tool calls, a text block comes first only when FAKE:reply asked for one.</summary>
    public bool ReplyGiven { get; init; }
}

/// <summary>One tool call the fake model makes.</summary>
internal sealed record FakeToolCall(string Name, string Arguments);
