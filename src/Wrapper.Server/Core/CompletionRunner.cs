using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;
using Wrapper.Server.Tools;
using Wrapper.Server.Warm;

namespace Wrapper.Server.Core;

/// <summary>
/// Starts the CLI for a request: a warm process of the request's key when the pool has one (or a new
/// pool process, which may serve later requests), else a process of its own. Everything that can
/// fail before the CLI runs fails here, before a response has begun, so the client still gets a
/// proper HTTP status.
/// </summary>
internal sealed class CompletionRunner(
    CliLauncher launcher,
    WarmPool pool,
    IOptions<ExecutionOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time)
{
    public async Task<CompletionRun> StartAsync(CompletionRequest request, ICliProvider provider, CancellationToken requestAborted)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) throw new GatewayException(GatewayError.ShuttingDown());
        if (pool.WarmStartFor(provider, request) is { } warm)
            return await StartWarmAsync(request, provider, warm, requestAborted);

        var (process, invocation) = await launcher.LaunchAsync(provider, sandbox => provider.BuildInvocation(request, sandbox), keepsInputOpen: false);
        return new CompletionRun(process, provider.CreateParser(), new ToolCallFilter(invocation.ToolNames, request.ParallelToolCalls),
            RunLimits.For(options.Value, time, requestAborted, invocation));
    }

    private async Task<CompletionRun> StartWarmAsync(CompletionRequest request, ICliProvider provider, IWarmStartProvider warm, CancellationToken requestAborted)
    {
        var key = WarmKey.For(provider.Name, request);
        var process = await pool.TakeAsync(key);
        var startedBefore = process is not null;
        process ??= pool.Start(key, provider, warm, request);
        process.Uses++;
        // A process that will not be reused gets EOF after its input, as a cold CLI does.
        var last = !warm.ReusesProcesses || process.Uses >= pool.Options.MaxUses;
        var use = new WarmUse(pool, process, startedBefore);
        var limits = RunLimits.For(options.Value, time, requestAborted, process.Invocation);
        var run = new CompletionRun(process.Process, provider.CreateParser(),
            new ToolCallFilter(process.Invocation.ToolNames, request.ParallelToolCalls), limits, use);
        try
        {
            // If the process died meanwhile the write fails quietly and its exit becomes the run's error.
            await process.Process.Command.WriteInputAsync(warm.TurnInput(request), close: last, requestAborted);
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }
}
