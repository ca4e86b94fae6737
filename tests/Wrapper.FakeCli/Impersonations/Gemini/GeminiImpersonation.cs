namespace Wrapper.FakeCli.Impersonations.Gemini;

/// <summary>
/// Gemini CLI 0.61.0 headless with <c>-o stream-json</c> (recognised by <c>--skip-trust</c>, which the
/// gateway always passes). The turn goes: init, user message, [hang], [sleep], then either an error
/// (FAKE:error 401|429|500|nocreds, as in the recorded gemini-err*-stream-json samples) or the answer as
/// assistant deltas and a result with stats. FAKE:tool lines make the answer function calls: a
/// tool_use event each, then the first call goes to the MCP server in settings.json and waits.
/// </summary>
internal sealed class GeminiImpersonation : IImpersonation
{
    private const int AuthExit = 41;
    private const int BadDirective = 2;

    public string Name => "gemini";

    public string Version => "0.61.0";

    public bool Recognizes(IReadOnlyList<string> args) => args.Contains("--skip-trust");

    public bool IsVersionRequest(IReadOnlyList<string> args) => args.Contains("--version") || args.Contains("-v");

    // The system prompt comes through GEMINI_SYSTEM_MD, not argv.
    public string? SystemPromptPath(IReadOnlyList<string> args) => FakeTurn.Environment("GEMINI_SYSTEM_MD");

    public async Task<int> RunAsync(FakeTurn turn)
    {
        var script = turn.Script;
        var model = Value(turn.Args, "-m") ?? "auto";
        if (script.Error is { } kind && kind is not ("401" or "429" or "500" or "nocreds"))
        {
            await turn.Stderr.WriteLineAsync($"fake-cli: unknown error kind '{kind}' (use 401, 429, 500, nocreds)");
            return BadDirective;
        }
        if (script.Error == "nocreds")
        {
            await turn.Stderr.WriteLineAsync("Please set an Auth method in your " + FakeTurn.Environment("GEMINI_CLI_HOME") +
                "/.gemini/settings.json or specify one of the following environment variables before running: GEMINI_API_KEY, GOOGLE_GENAI_USE_VERTEXAI, GOOGLE_GENAI_USE_GCA");
            return AuthExit;
        }

        var events = new GeminiEvents(turn.Stdout, model);
        events.Init();
        events.UserMessage(turn.Stdin.PromptText);
        if (script.Hang) await Task.Delay(Timeout.Infinite);
        if (script.Sleep > TimeSpan.Zero) await Task.Delay(script.Sleep);

        if (script.Error is { } error)
        {
            var status = int.Parse(error, System.Globalization.CultureInfo.InvariantCulture);
            events.ErrorResult(status);
            await turn.Stderr.WriteLineAsync($"Error when talking to Gemini API Full report available at: /tmp/gemini-client-error.json _ApiError: status {status}");
            return status % 256; // the real CLI's exit code for API errors
        }

        if (script.ToolCalls.Count > 0)
        {
            if (script.ReplyGiven) events.AssistantDelta(turn.ReplyText);
            var ids = script.ToolCalls.Select((call, i) => $"{call.Name}__fake_{i}").ToList();
            for (var i = 0; i < ids.Count; i++) events.ToolUse(script.ToolCalls[i].Name, ids[i], script.ToolCalls[i].Arguments);
            if (await GeminiMcpCall.RunAsync(script.ToolCalls[0])) return 0;
            events.ToolNotFound(script.ToolCalls[0].Name, ids[0]);
        }

        var first = true;
        foreach (var chunk in WordChunks.Split(turn.ReplyText))
        {
            if (!first && script.ChunkDelay > TimeSpan.Zero) await Task.Delay(script.ChunkDelay);
            first = false;
            events.AssistantDelta(chunk);
        }
        events.SuccessResult(script.Usage);
        return 0;
    }

    private static string? Value(IReadOnlyList<string> args, string name)
    {
        var index = args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < args.Count ? args[index + 1] : null;
    }
}
