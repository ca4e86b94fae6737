using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Processes;

/// <summary>
/// Starts a CLI in a fresh sandbox from a <see cref="CliLaunch"/>: finds it, builds the invocation and
/// the allow-listed environment, starts the process group and registers it with the supervisor. Used
/// for a request's own CLI and for warm processes started ahead of requests alike.
/// </summary>
internal sealed class CliLauncher(
    ChildEnvironment childEnvironment,
    IConfiguration configuration,
    IOptions<ExecutionOptions> options,
    ChildSupervisor supervisor,
    SessionJanitor janitor,
    ILogger<CliLauncher> logger)
{
    /// <summary>
    /// <see cref="Launch"/> on a <see cref="SpawnThreads">spawn thread</see>, so that concurrent starts
    /// do not hold the thread pool that the running CLIs' output needs.
    /// </summary>
    public Task<(CliProcess Process, CliInvocation Invocation)> LaunchAsync(CliLaunch launch) =>
        SpawnThreads.RunAsync(() => Launch(launch));

    /// <summary>Starts the CLI; throws a <see cref="GatewayException"/> (503) when it is missing or cannot start.</summary>
    public (CliProcess Process, CliInvocation Invocation) Launch(CliLaunch launch)
    {
        var executable = launch.Executable;
        var path = ExecutableLocator.Find(executable.ConfiguredPath, configuration["PATH"])
            ?? throw new GatewayException(GatewayError.CliNotInstalled(executable.DisplayName, executable.Setting, executable.ConfiguredPath, executable.InstallCommand));
        var sandbox = Sandbox.Create(options.Value.ResolvedSandboxRoot);
        if (SandboxRootCheck.Problem(options.Value.ResolvedSandboxRoot) is { } problem)
        {
            sandbox.Dispose();
            logger.LogError("Refusing to start a CLI: {Problem}", problem);
            throw new GatewayException(new GatewayError(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "sandbox_root_unsafe",
                $"The gateway's sandbox folder is not safe: {problem}. Set SANDBOX_ROOT to a folder only the gateway's user can write to."));
        }
        CliInvocation? invocation = null;
        try
        {
            invocation = launch.Build(sandbox);
            var marker = supervisor.NewRunMarker();
            var environment = new Dictionary<string, string>(childEnvironment.Build(invocation.AllowedEnvironment, invocation.EnvironmentOverrides))
            {
                [TreeMarker.Name] = marker,
            };
            var command = new Command(path)
                .WithArguments(invocation.Arguments)
                .WithWorkingDirectory(invocation.WorkingDirectory ?? sandbox.WorkDirectory)
                .WithEnvironment(environment)
                .WithStandardInput(invocation.StandardInput)
                .WithLowerPriority();
            var running = (launch.KeepsInputOpen ? command.WithStandardInputOpen() : command).Start();
            logger.LogInformation("Started {Provider} (pid {ProcessId})", launch.Name, running.ProcessId);
            supervisor.Watch(running.ProcessId);
            return (new CliProcess(running, marker, sandbox, Lifetime(invocation), supervisor, janitor, logger), invocation);
        }
        catch (CommandStartException e)
        {
            Release(sandbox, invocation);
            logger.LogError(e, "Could not start {Provider} at {Path}", launch.Name, path);
            throw new GatewayException(new GatewayError(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "cli_not_startable",
                $"{executable.DisplayName} at '{path}' could not be started ({e.InnerException?.Message}). Check {executable.Setting} and the file's permissions."));
        }
        catch
        {
            Release(sandbox, invocation);
            throw;
        }
    }

    /// <summary>What ends with the process: the invocation's resources and its failure watch.</summary>
    private static IReadOnlyList<IDisposable> Lifetime(CliInvocation invocation) =>
        invocation.FailureWatch is { } watch ? [.. invocation.Resources, watch] : invocation.Resources;

    private static void Release(Sandbox sandbox, CliInvocation? invocation)
    {
        foreach (var resource in invocation is null ? [] : Lifetime(invocation)) resource.Dispose();
        sandbox.Dispose();
    }
}
