using System.Diagnostics;
using System.Text.Json;

namespace Wrapper.EndToEndTests;

/// <summary>
/// The real Claude Code CLI as a CLIENT of the gateway: <c>claude -p</c> with <c>ANTHROPIC_BASE_URL</c>
/// at the gateway's Messages API, the gateway key as <c>ANTHROPIC_API_KEY</c>, and a throwaway HOME and
/// CLAUDE_CONFIG_DIR so it never reads or writes a real login. Its environment is built from scratch:
/// only PATH (for Node) is taken from the test's.
/// </summary>
internal static class ClaudeCodeClient
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>The final <c>result</c> text of <c>--output-format json</c>, or null when the output is not that.</summary>
        public string? Answer => TryJson()?.GetProperty("result").GetString();

        public bool IsError => TryJson() is not { } json || json.GetProperty("is_error").GetBoolean();

        private JsonElement? TryJson()
        {
            try
            {
                var json = JsonDocument.Parse(Stdout).RootElement;
                return json.ValueKind == JsonValueKind.Object && json.TryGetProperty("result", out _) ? json.Clone() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
    }

    public static async Task<Result> RunAsync(Uri gateway, string prompt, string workingDirectory, IReadOnlyList<string> extraArguments, CancellationToken cancellationToken)
    {
        var home = Directory.CreateTempSubdirectory("wrapper-e2e-client-home-").FullName;
        try
        {
            var start = new ProcessStartInfo(RealClis.ClaudePath)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { "-p", "--output-format", "json", "--model", "claude-sonnet-4-5", "--max-turns", "4" }.Concat(extraArguments))
                start.ArgumentList.Add(argument);
            start.Environment.Clear();
            start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
            start.Environment["HOME"] = home;
            start.Environment["CLAUDE_CONFIG_DIR"] = Path.Combine(home, ".claude");
            start.Environment["ANTHROPIC_BASE_URL"] = gateway.ToString().TrimEnd('/');
            start.Environment["ANTHROPIC_API_KEY"] = ProviderBehindClient.ApiKey; // the gateway's key, sent as x-api-key
            start.Environment["ANTHROPIC_SMALL_FAST_MODEL"] = "claude-haiku-4-5";
            start.Environment["ANTHROPIC_DEFAULT_HAIKU_MODEL"] = "claude-haiku-4-5";
            start.Environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
            start.Environment["DISABLE_AUTOUPDATER"] = "1";

            using var process = Process.Start(start) ?? throw new InvalidOperationException("claude did not start");
            try
            {
                var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
                await process.StandardInput.WriteAsync(prompt);
                process.StandardInput.Close();
                await process.WaitForExitAsync(cancellationToken);
                return new Result(process.ExitCode, await stdout, await stderr);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
