using System.Diagnostics;
using System.Text.Json;

namespace Wrapper.EndToEndTests;

/// <summary>
/// The real Codex CLI as the CLIENT: a model provider with <c>wire_api = "responses"</c> whose
/// <c>base_url</c> is the gateway, answered by each real CLI as the gateway's provider against its fake model API.
/// </summary>
[TestFixtureSource(typeof(ProviderBehindClient), nameof(ProviderBehindClient.Names))]
public sealed class CodexClientTests(string provider)
{
    [Test, CancelAfter(240_000)]
    public async Task Codex_prints_the_answer_of_the_provider_behind_the_gateway(CancellationToken cancellationToken)
    {
        await using var e2e = await ProviderBehindClient.StartAsync(provider);
        e2e.ReplyText = $"Codex heard {provider} through Wrapper.";

        var (exitCode, output, _) = await RunCodexAsync(e2e.Gateway, "Say hello.", cancellationToken);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain($"Codex heard {provider} through Wrapper."));
        Assert.That(e2e.ModelsAsked, Has.Some.EqualTo(e2e.Model), "the provider CLI asked for the model the client named, after MODEL_MAP");
    }

    [Test, CancelAfter(300_000)]
    public async Task Codex_runs_its_shell_tool_for_the_model_behind_the_gateway_and_sends_the_output_back(CancellationToken cancellationToken)
    {
        await using var e2e = await ProviderBehindClient.StartAsync(provider);
        // Without a login shell and with a long yield, the command's output is whole in the tool result;
        // the shell works the number out, so the output is nowhere in the command the model sent.
        e2e.CallClientTool("exec_command", """{"cmd":"echo codex-ran-$((6*7)) | tee marker.txt","login":false,"yield_time_ms":30000}""", "codex-ran-42");
        e2e.ReplyText = "The marker file is written.";

        var (exitCode, output, work) = await RunCodexAsync(e2e.Gateway, "Write the marker file.", cancellationToken);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("The marker file is written."));
        Assert.That(File.ReadAllText(Path.Combine(work, "marker.txt")).Trim(), Is.EqualTo("codex-ran-42"), "Codex ran the command the model asked for");
        var calls = e2e.ModelCallBodies;
        Assert.That(e2e.ClientToolsOffered(JsonDocument.Parse(calls[0]).RootElement), Has.Member("exec_command"), "Codex's shell tool reached the model");
        Assert.That(calls[0], Does.Not.Contain("codex-ran-42"));
        Assert.That(calls.Any(body => body.Contains("codex-ran-42", StringComparison.Ordinal)), Is.True, "the tool's output reached the model on a later call");
    }

    /// <summary>Runs <c>codex exec</c> with its own home and work folder in the gateway's scratch; the work folder is returned.</summary>
    private static async Task<(int ExitCode, string Output, string Work)> RunCodexAsync(TestGateway gateway, string prompt, CancellationToken cancellationToken)
    {
        var home = Directory.CreateDirectory(Path.Combine(gateway.Scratch, "codex-home")).FullName;
        var work = Directory.CreateDirectory(Path.Combine(gateway.Scratch, "codex-work")).FullName;
        await File.WriteAllTextAsync(Path.Combine(home, "config.toml"), $"""
            model = "claude-sonnet-4-5"
            model_provider = "wrapper"

            [model_providers.wrapper]
            name = "Wrapper"
            base_url = "{new Uri(gateway.BaseUrl, "v1")}"
            env_key = "WRAPPER_API_KEY"
            wire_api = "responses"
            request_max_retries = 0
            stream_max_retries = 0
            """, cancellationToken);
        var startInfo = new ProcessStartInfo(NodePackages.Bin("codex"))
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "exec", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", prompt }) startInfo.ArgumentList.Add(argument);
        startInfo.Environment["CODEX_HOME"] = home;
        startInfo.Environment["WRAPPER_API_KEY"] = ProviderBehindClient.ApiKey; // the gateway's key, sent as a Bearer token
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
        return (process.ExitCode, await stdout + "\n" + await stderr, work);
    }
}
