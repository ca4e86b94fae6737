using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Wrapper.Server.Processes;

namespace Wrapper.Server.Providers;

/// <summary>
/// Runs <c>&lt;cli&gt; --version</c> through the process layer (allow-listed environment, a scratch
/// sandbox, a short timeout) and caches the answer, so status pages never start a CLI per call.
/// </summary>
internal sealed class CliVersionProbe(IMemoryCache cache, ChildEnvironment childEnvironment, IOptions<Configuration.ExecutionOptions> execution)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public Task<string?> VersionAsync(string executablePath) =>
        cache.GetOrCreateAsync(("cli-version", executablePath), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return await RunAsync(executablePath);
        });

    private async Task<string?> RunAsync(string executablePath)
    {
        using var sandbox = Sandbox.Create(execution.Value.ResolvedSandboxRoot);
        // The CLIs' homes point into the scratch sandbox: `--version` must not touch the user's settings.
        var environment = childEnvironment.Build([], new Dictionary<string, string>
        {
            ["TMPDIR"] = sandbox.TempDirectory,
            ["GEMINI_CLI_HOME"] = sandbox.HomeDirectory,
            ["QWEN_HOME"] = CliHome.Directory(sandbox.HomeDirectory, ".qwen"),
            ["CODEX_HOME"] = CliHome.Directory(sandbox.HomeDirectory, ".codex"),
            ["GEMINI_CLI_NO_RELAUNCH"] = "true",
            ["QWEN_CODE_NO_RELAUNCH"] = "true",
        });
        try
        {
            await using var process = new Command(executablePath).WithArguments(["--version"])
                .WithWorkingDirectory(sandbox.WorkDirectory).WithEnvironment(environment).Start();
            using var timeout = new CancellationTokenSource(Timeout);
            string? firstLine = null;
            await foreach (var output in process.ReadEventsAsync(timeout.Token))
            {
                if (output is StandardOutputCommandEvent { Text: var text } && firstLine is null && text.Trim().Length > 0) firstLine = text.Trim();
                if (output is ExitedCommandEvent { ExitCode: not 0 }) return null;
            }
            return firstLine;
        }
        catch (Exception e) when (e is CommandStartException or OperationCanceledException)
        {
            return null;
        }
    }
}
