using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Wrapper.Server.Processes;

namespace Wrapper.Server.Providers;

/// <summary>
/// Asks a CLI about itself (<c>--version</c>, Codex's model catalogue) through the process layer
/// (allow-listed environment, a scratch sandbox, a short timeout) and caches the answer for a day,
/// so status pages and /v1/models never start a CLI per call.
/// </summary>
internal sealed class CliProbe(
    IMemoryCache cache, ChildEnvironment childEnvironment, IOptions<Configuration.ExecutionOptions> execution, IEnumerable<CliPlugin> plugins)
{
    // Claude Code's alias session takes about 3 s, and 10 s on a machine with a load of 30: the answer is cached for a day.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    // Codex's bundled catalogue is about 750 KB of JSON; anything far larger is not an answer.
    private const int MaxOutputChars = 8 * 1024 * 1024;

    /// <summary>The first line the CLI prints for <c>--version</c>; null when it is missing or fails.</summary>
    public async Task<string?> VersionAsync(string executablePath) =>
        (await OutputAsync(executablePath, ["--version"]))?.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0);

    /// <summary>
    /// What the CLI prints on stdout for <paramref name="arguments"/> (and <paramref name="standardInput"/>,
    /// then closed); null when it fails, hangs or says too much.
    /// </summary>
    public Task<string?> OutputAsync(string executablePath, IReadOnlyList<string> arguments, string standardInput = "") =>
        cache.GetOrCreateAsync(("cli-probe", executablePath, string.Join('\0', arguments), standardInput), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return await RunAsync(executablePath, arguments, standardInput);
        });

    /// <summary>
    /// Every plug-in's homes point into the scratch sandbox: a probe must not touch the user's settings,
    /// whichever CLI the path turns out to be.
    /// </summary>
    internal static Dictionary<string, string> ProbeEnvironment(IEnumerable<CliPlugin> plugins, Sandbox sandbox)
    {
        var environment = new Dictionary<string, string> { ["TMPDIR"] = sandbox.TempDirectory };
        foreach (var (name, value) in plugins.SelectMany(plugin => plugin.ProbeEnvironment(sandbox.HomeDirectory))) environment[name] = value;
        return environment;
    }

    private async Task<string?> RunAsync(string executablePath, IReadOnlyList<string> arguments, string standardInput)
    {
        using var sandbox = Sandbox.Create(execution.Value.ResolvedSandboxRoot);
        var environment = childEnvironment.Build([], ProbeEnvironment(plugins, sandbox));
        try
        {
            await using var process = new Command(executablePath).WithArguments(arguments)
                .WithWorkingDirectory(sandbox.WorkDirectory).WithEnvironment(environment).WithStandardInput(standardInput).Start();
            using var timeout = new CancellationTokenSource(Timeout);
            var output = new StringBuilder();
            await foreach (var commandEvent in process.ReadEventsAsync(timeout.Token))
            {
                if (commandEvent is StandardOutputCommandEvent { Text: var text }) output.Append(text).Append('\n');
                if (output.Length > MaxOutputChars) return null;
                if (commandEvent is ExitedCommandEvent { ExitCode: not 0 }) return null;
            }
            return output.ToString();
        }
        catch (Exception e) when (e is CommandStartException or OperationCanceledException)
        {
            return null;
        }
    }
}
