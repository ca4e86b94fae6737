using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Completions;

/// <summary>
/// Starts the CLI for a request: finds it, makes the sandbox, builds the allow-listed environment and
/// starts the process. Everything that can fail before the CLI runs fails here, before a response
/// has begun, so the client still gets a proper HTTP status.
/// </summary>
internal sealed class CompletionRunner(
    ChildEnvironment childEnvironment,
    IConfiguration configuration,
    IOptions<ExecutionOptions> options,
    IHostApplicationLifetime lifetime,
    ChildSupervisor supervisor,
    SessionJanitor janitor,
    TimeProvider time,
    ILogger<CompletionRunner> logger)
{
    public CompletionRun Start(CompletionRequest request, ICliProvider provider, CancellationToken requestAborted)
    {
        var executable = provider.Executable;
        var path = ExecutableLocator.Find(executable.ConfiguredPath, configuration["PATH"])
            ?? throw new GatewayException(GatewayError.CliNotInstalled(executable.DisplayName, executable.Setting, executable.ConfiguredPath, executable.InstallCommand));
        if (lifetime.ApplicationStopping.IsCancellationRequested) throw new GatewayException(GatewayError.ShuttingDown());

        var sandbox = Sandbox.Create(options.Value.ResolvedSandboxRoot);
        CliInvocation? invocation = null;
        try
        {
            invocation = provider.BuildInvocation(request, sandbox);
            var environment = childEnvironment.Build(invocation.AllowedEnvironment, invocation.EnvironmentOverrides);
            var process = new Command(path)
                .WithArguments(invocation.Arguments)
                .WithWorkingDirectory(sandbox.WorkDirectory)
                .WithEnvironment(environment)
                .WithStandardInput(invocation.StandardInput)
                .Start();
            logger.LogInformation("Started {Provider} (pid {ProcessId}) for model {Model}", provider.Name, process.ProcessId, request.Model);
            supervisor.Watch(process.ProcessId);
            var limits = new RunLimits(options.Value, time, requestAborted);
            var toolCalls = new ToolCallFilter(invocation.ToolNames, request.ParallelToolCalls);
            // The CLI's tools/call reaching the gateway's MCP endpoint means the model's answer is over.
            var toolCalled = invocation.Resources.OfType<McpToolSession>().FirstOrDefault()?.ToolCalled ?? CancellationToken.None;
            return new CompletionRun(process, sandbox, provider.CreateParser(), toolCalls, invocation.Resources, toolCalled, supervisor, janitor, limits, logger);
        }
        catch (CommandStartException e)
        {
            Release(sandbox, invocation);
            logger.LogError(e, "Could not start {Provider} at {Path}", provider.Name, path);
            throw new GatewayException(new GatewayError(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "cli_not_startable",
                $"{executable.DisplayName} at '{path}' could not be started ({e.InnerException?.Message}). Check {executable.Setting} and the file's permissions."));
        }
        catch
        {
            Release(sandbox, invocation);
            throw;
        }
    }

    private static void Release(Sandbox sandbox, CliInvocation? invocation)
    {
        foreach (var resource in invocation?.Resources ?? []) resource.Dispose();
        sandbox.Dispose();
    }
}
