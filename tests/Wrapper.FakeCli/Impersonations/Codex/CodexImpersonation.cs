namespace Wrapper.FakeCli.Impersonations.Codex;

/// <summary>
/// Codex 0.169.0 as <c>codex exec --json</c>: no deltas, one completed agent_message per answer.
/// Errors as in Recordings/codex-err*-json.txt: FAKE:retries n gives n "Reconnecting… i/n" error
/// events (mere warnings), then turn.failed (FAKE:error 401|429|500|nokey) and exit 1.
/// </summary>
internal sealed class CodexImpersonation : IImpersonation
{
    private const int Failed = 1;
    private const int BadDirective = 2;

    public string Name => "codex";

    public string Version => "codex-cli 0.169.0";

    public bool Recognizes(IReadOnlyList<string> args) => args.Count > 0 && args[0] == "exec";

    public bool IsVersionRequest(IReadOnlyList<string> args) => args.Contains("--version") || args.Contains("-V");

    public string? SystemPromptPath(IReadOnlyList<string> args)
    {
        const string key = "model_instructions_file=";
        return args.FirstOrDefault(a => a.StartsWith(key, StringComparison.Ordinal))?[key.Length..].Trim('"');
    }

    public async Task<int> RunAsync(FakeTurn turn)
    {
        var script = turn.Script;
        await turn.Stderr.WriteLineAsync("Reading additional input from stdin...");
        var failure = script.Error switch
        {
            null => null,
            "401" => "unexpected status 401 Unauthorized: Incorrect API key provided: sk-fake***., url: http://127.0.0.1/v1/responses, request id: req_fake_0001",
            "429" => "exceeded retry limit, last status: 429 Too Many Requests, request id: req_fake_0001",
            "500" => "We’re currently experiencing high demand, which may cause temporary errors.",
            "nokey" => "Missing environment variable: `OPENAI_API_KEY`.",
            _ => "",
        };
        if (failure == "")
        {
            await turn.Stderr.WriteLineAsync($"fake-cli: unknown error kind '{script.Error}' (use 401, 429, 500, nokey)");
            return BadDirective;
        }

        var events = new CodexEvents(turn.Stdout);
        events.ThreadStarted();
        events.Warning("Model metadata for `fake` not found. Defaulting to fallback metadata; this can degrade performance and cause issues.");
        events.TurnStarted();
        if (script.Hang) await Task.Delay(Timeout.Infinite);
        if (script.Sleep > TimeSpan.Zero) await Task.Delay(script.Sleep);
        for (var attempt = 1; attempt <= script.Retries; attempt++)
            events.Error($"Reconnecting... {attempt}/{script.Retries} ({failure ?? "stream disconnected before completion"})");
        if (failure is not null)
        {
            events.Error(failure);
            events.TurnFailed(failure);
            return Failed;
        }
        events.AgentMessage(turn.ReplyText);
        events.TurnCompleted(script.Usage);
        return 0;
    }
}
