using System.Diagnostics;
using System.Text.Json;

namespace Wrapper.EndToEndTests;

/// <summary>
/// The real Codex CLI as the CLIENT: a model provider with <c>wire_api = "responses"</c> whose
/// <c>base_url</c> is the gateway, which runs the real Claude Code against a fake Anthropic API.
/// </summary>
public sealed class CodexClientTests
{
    [Test, CancelAfter(240_000)]
    public async Task Codex_runs_its_shell_tool_for_the_model_behind_the_gateway_and_sends_the_output_back(CancellationToken cancellationToken)
    {
        await using var claude = await ClaudeGateway.StartAsync();
        // Without a login shell and with a long yield, the command's output is whole in the tool result.
        claude.Upstream.ToolUse = ("mcp__w__exec_command", """{"cmd":"echo codex-ran-this | tee marker.txt","login":false,"yield_time_ms":30000}""");
        claude.Upstream.ReplyText = "The marker file is written.";
        // The model asks for the tool once; its next turn (with the tool's output) answers in text.
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = ClearToolUseAfterFirstCallAsync(claude.Upstream, stopWatching.Token);
        var home = Directory.CreateDirectory(Path.Combine(claude.Gateway.Scratch, "codex-home")).FullName;
        var work = Directory.CreateDirectory(Path.Combine(claude.Gateway.Scratch, "codex-work")).FullName;
        await File.WriteAllTextAsync(Path.Combine(home, "config.toml"), $"""
            model = "claude-sonnet-4-5"
            model_provider = "wrapper"

            [model_providers.wrapper]
            name = "Wrapper"
            base_url = "{new Uri(claude.Gateway.BaseUrl, "v1")}"
            env_key = "WRAPPER_API_KEY"
            wire_api = "responses"
            request_max_retries = 0
            stream_max_retries = 0
            """, cancellationToken);

        var (exitCode, output) = await RunCodexAsync(home, work, "Write the marker file.", cancellationToken);
        await stopWatching.CancelAsync();
        await watch;

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("The marker file is written."));
        Assert.That(File.ReadAllText(Path.Combine(work, "marker.txt")).Trim(), Is.EqualTo("codex-ran-this"), "Codex ran the command the model asked for");
        var modelCalls = claude.Upstream.Requests.Where(r => r.IsModelCall).ToList();
        Assert.That(modelCalls, Has.Count.EqualTo(2));
        var offered = JsonDocument.Parse(modelCalls[0].Body).RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.That(offered, Does.Contain("mcp__w__exec_command"), "Codex's shell tool reached the model");
        Assert.That(modelCalls[1].Body, Does.Contain("codex-ran-this"), "the tool's output reached the model on the next turn");
    }

    private static async Task ClearToolUseAfterFirstCallAsync(Fakes.FakeAnthropicServer upstream, CancellationToken cancellationToken)
    {
        try
        {
            while (upstream.ModelCallCount == 0) await Task.Delay(5, cancellationToken);
            upstream.ToolUse = null;
        }
        catch (OperationCanceledException)
        {
            // The run ended first.
        }
    }

    private static async Task<(int ExitCode, string Output)> RunCodexAsync(string home, string work, string prompt, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(NodePackages.Bin("codex"))
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "exec", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", prompt }) startInfo.ArgumentList.Add(argument);
        startInfo.Environment["CODEX_HOME"] = home;
        startInfo.Environment["WRAPPER_API_KEY"] = "not-needed";
        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, await stdout + "\n" + await stderr);
    }
}
