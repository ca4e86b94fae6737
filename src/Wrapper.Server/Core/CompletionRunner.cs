using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;
using Wrapper.Server.Continuation;
using Wrapper.Server.Processes;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Providers;
using Wrapper.Server.Tools;
using Wrapper.Server.Warm;

namespace Wrapper.Server.Core;

/// <summary>
/// Starts the CLI for a request: asks the pool for a lease (a ready process, or one started now) and
/// gives it the request's input. Everything that can fail before the CLI runs fails here, before a
/// response has begun, so the client still gets a proper HTTP status.
/// </summary>
internal sealed class CompletionRunner(
    WarmPool pool,
    HeldTurns held,
    SessionReconstruction reconstruction,
    IOptions<ExecutionOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time)
{
    /// <summary>
    /// What the CLI gate knows the request by while it waits for a slot: its warm-pool key when the pool
    /// will serve it (it then goes first to a slot where a process of its key is ready, and may wait
    /// briefly for one); null when a held process continues it or a new process resumes its history,
    /// since neither waits for a pooled process.
    /// </summary>
    public string? PoolAffinity(CompletionRequest request, ICliProvider provider) =>
        ExpectedHistory(request, provider) == HistoryMode.Fresh ? pool.AffinityFor(provider, request) : null;

    /// <summary>
    /// How <see cref="StartAsync"/> would bring the request's earlier turns to its CLI, were it started
    /// now (nothing is taken or ended): the same order of ways it tries.
    /// </summary>
    public HistoryMode ExpectedHistory(CompletionRequest request, ICliProvider provider) =>
        provider is IContinuableProvider && held.WouldContinue(request, provider.Name) ? HistoryMode.Continued
        : reconstruction.WouldServe(provider, request) ? HistoryMode.Reconstructed
        : HistoryMode.Fresh;

    public async Task<CompletionRun> StartAsync(CompletionRequest request, ICliProvider provider, CancellationToken requestAborted)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) throw new GatewayException(GatewayError.ShuttingDown());
        // A process held at its tool calls continues with this request's results; else earlier turns are
        // resumed from the CLI's own session format where it has one (Continuation/).
        var continuable = provider as IContinuableProvider;
        IReadOnlyList<HeldTurn> stale = [];
        var lease = (continuable is null ? null : held.TryTake(request, provider.Name, continuable, out stale))
            ?? await reconstruction.TryLeaseAsync(provider, request)
            ?? await pool.LeaseAsync(provider, request, held.TakeStalePlain(stale));
        held.EndStale(stale);
        // A persistent process may wait for the conversation's next user message after its answer.
        if (continuable is not null) held.KeepForNextTurn(lease, continuable);
        Func<ICliOutputParser> createParser = lease.History switch
        {
            HistoryMode.Continued => continuable!.CreateContinuationParser,
            HistoryMode.Reconstructed => ((IResumableProvider)provider).CreateResumedParser,
            _ => provider.CreateParser,
        };
        // Tools the gateway or the CLI's host runs inside the turn (web_fetch, hosted search) never end it.
        var parser = new Tools.Web.InTurnToolParser(createParser, lease.Invocation.InTurnTools);
        var run = new CompletionRun(lease, parser, new ToolCallFilter(lease.Invocation.ToolNames, request.ParallelToolCalls),
            RunLimits.For(options.Value, time, requestAborted, lease.Invocation),
            continuable is null ? null : (ended, turn) => held.Offer(ended, request, provider.Name, turn));
        try
        {
            await lease.WriteInputAsync(requestAborted);
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }
}
