namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>
/// Claude Code 2.1.197 in print mode (-p). The turn goes: init, [hang], requesting, [sleep],
/// [api_retry × n], then either an API error or the answer (ClaudeAnswer).
/// </summary>
internal sealed class ClaudeImpersonation : IImpersonation
{
    private const int Failed = 1;
    private const int BadDirective = 2;

    public string Name => "claude";

    public string Version => $"{ClaudeDefaults.Version} (Claude Code)";

    // The fallback: claude accepts anything the other impersonations did not claim.
    public bool Recognizes(IReadOnlyList<string> args) => true;

    public bool IsVersionRequest(IReadOnlyList<string> args) => args.Contains("--version") || args.Contains("-v");

    public string? SystemPromptPath(IReadOnlyList<string> args) => ClaudeOptions.Value(args, "--system-prompt-file");

    public async Task<int> RunAsync(FakeTurn turn)
    {
        var options = ClaudeOptions.Parse(turn.Args);
        if (options.StreamsJson && !options.Verbose)
        {
            await turn.Stderr.WriteLineAsync("Error: When using --print, --output-format=stream-json requires --verbose");
            return Failed;
        }

        var script = turn.Script;
        var error = script.Error is { } kind ? ClaudeError.Find(kind, FakeTurn.Environment("ANTHROPIC_BASE_URL")) : null;
        if (script.Error is not null && error is null)
        {
            await turn.Stderr.WriteLineAsync($"fake-cli: unknown error kind '{script.Error}' (use {string.Join(", ", ClaudeError.Kinds)})");
            return BadDirective;
        }

        // A failed MCP connection takes the tools away: the model answers in text instead.
        var mcp = await ClaudeMcpServers.ConnectAsync(turn.Args, script.McpOffline);
        if (mcp is { Connected: false }) turn = turn with { Script = script = script with { ToolCalls = [] } };

        var events = new ClaudeEvents(turn, options);
        var hasKey = FakeTurn.Environment("ANTHROPIC_API_KEY") is { Length: > 0 } && error?.SendsRequest != false;
        events.Init(hasKey ? "ANTHROPIC_API_KEY" : "none");
        if (script.Hang) await Task.Delay(Timeout.Infinite);

        if (error?.SendsRequest != false) events.Requesting();
        if (script.Sleep > TimeSpan.Zero) await Task.Delay(script.Sleep);
        for (var attempt = 1; attempt <= script.Retries; attempt++)
            events.ApiRetry(attempt, script.Retries, error?.Status ?? 529, error?.Code ?? "server_error");

        if (error is not null)
        {
            events.SyntheticAssistant(error);
            events.ErrorResult(error);
            return Failed;
        }
        return await new ClaudeAnswer(events, turn, mcp).WriteAsync();
    }
}
