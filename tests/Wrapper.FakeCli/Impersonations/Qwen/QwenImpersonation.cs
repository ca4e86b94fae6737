namespace Wrapper.FakeCli.Impersonations.Qwen;

/// <summary>
/// Qwen Code 0.15.10 headless with <c>-o stream-json --include-partial-messages</c> (recognised by
/// <c>--chat-recording=false</c>, which the gateway always passes). API errors come the way the real
/// CLI reports them: exit 0 and a "successful" result whose text is <c>[API Error: …]</c>
/// (FAKE:error 401|429|500); FAKE:error nocreds is the error_during_execution result with exit 1.
/// </summary>
internal sealed class QwenImpersonation : IImpersonation
{
    private const int Failed = 1;
    private const int BadDirective = 2;

    public string Name => "qwen";

    public string Version => "0.15.10";

    public bool Recognizes(IReadOnlyList<string> args) => args.Contains("--chat-recording=false");

    public bool IsVersionRequest(IReadOnlyList<string> args) => args.Contains("--version") || args.Contains("-v");

    // The system prompt comes through QWEN_SYSTEM_MD, not argv.
    public string? SystemPromptPath(IReadOnlyList<string> args) => FakeTurn.Environment("QWEN_SYSTEM_MD");

    public async Task<int> RunAsync(FakeTurn turn)
    {
        var script = turn.Script;
        var model = Value(turn.Args, "-m") ?? "coder-model";
        var events = new QwenEvents(turn.Stdout, model);
        var apiError = script.Error switch
        {
            null or "nocreds" => null,
            "401" => "[API Error: 401 Incorrect API key provided: sk-fake***. You can find your API key at https://platform.openai.com/account/api-keys.]",
            "429" => "[API Error: 429 Rate limit reached for requests]",
            "500" => "[API Error: 500 The server had an error while processing your request. Sorry about that!]",
            _ => "",
        };
        if (apiError == "")
        {
            await turn.Stderr.WriteLineAsync($"fake-cli: unknown error kind '{script.Error}' (use 401, 429, 500, nocreds)");
            return BadDirective;
        }
        if (script.Error == "nocreds")
        {
            events.ExecutionError("No auth type is selected. Please configure an auth type (e.g. via settings or `--auth-type`) before running in non-interactive mode.");
            return Failed;
        }

        events.Init(turn.Cwd);
        if (script.Hang) await Task.Delay(Timeout.Infinite);
        if (script.Sleep > TimeSpan.Zero) await Task.Delay(script.Sleep);
        if (apiError is not null)
        {
            events.Assistant(apiError, new Scripting.TokenUsage(0, 0));
            events.Result(apiError, new Scripting.TokenUsage(0, 0));
            return 0;
        }

        var text = turn.ReplyText;
        events.MessageStart();
        if (script.ToolCalls.Count > 0)
        {
            // As recorded (Fixtures/qwen/qwen-tool-use-stream-json-partial.txt): text first as a message of its
            // own, then the calls; then the CLI runs the first tool, which waits for the gateway's MCP endpoint.
            if (script.ReplyGiven)
            {
                events.TextDelta(text);
                events.BlockStop();
                events.Assistant(text, new Scripting.TokenUsage(0, 0));
            }
            events.ToolUseMessage(script.ToolCalls, script.Usage);
            events.MessageStop();
            await Task.Delay(Timeout.Infinite);
        }
        var first = true;
        foreach (var chunk in WordChunks.Split(text))
        {
            if (!first && script.ChunkDelay > TimeSpan.Zero) await Task.Delay(script.ChunkDelay);
            first = false;
            events.TextDelta(chunk);
        }
        events.BlockStop();
        events.Assistant(text, script.Usage);
        events.MessageStop();
        events.Result(text, script.Usage);
        return 0;
    }

    private static string? Value(IReadOnlyList<string> args, string name)
    {
        var index = args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < args.Count ? args[index + 1] : null;
    }
}
