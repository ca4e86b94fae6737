using System.Runtime.CompilerServices;
using Wrapper.Server.Configuration;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Core;

/// <summary>
/// One CLI process serving one request, with its sandbox. Its events end with exactly one
/// <see cref="TurnCompleted"/> or <see cref="TurnFailed"/> (none when the client went away). Disposing
/// gives the process back to its lender (<see cref="ICliLease"/>), saying whether it answered cleanly:
/// the lender ends it (its tree and sandbox) or resets it before anyone else's request.
/// </summary>
internal sealed class CompletionRun(
    ICliLease lease,
    ICliOutputParser parser,
    ToolCallFilter toolCalls,
    RunLimits limits,
    Func<ICliLease, TurnRecord, bool>? holdAtToolCalls = null) : IAsyncDisposable
{
    // A CLI that printed its result usually exits within milliseconds; give it that before SIGTERM.
    private static readonly TimeSpan NaturalExitWait = TimeSpan.FromSeconds(1);

    // How long the output may stay quiet, once the CLI has begun to run a tool, before the answer is
    // taken as complete. Gemini CLI prints nothing between its last tool_use event and running the
    // tools; Node writes to a pipe synchronously, so by the time the CLI's tools/call reaches the
    // MCP endpoint every tool_use line is already in the pipe and only has to be read. Generous,
    // because a busy machine may be slow to schedule the reader and a lost call is worse than a
    // late one; small next to the model call the turn already waited for.
    internal static readonly TimeSpan ToolCallSettleTime = TimeSpan.FromMilliseconds(500);

    // Set when the CLI's output ended the turn.
    private bool _ended;

    // Set when the CLI is about to exit on its own (it printed its result), so it gets a moment
    // before SIGTERM. After a tool use it would wait for the tool instead: it is stopped at once.
    private bool _exitsByItself;

    // Set when the CLI printed its whole answer and is waiting for its next input (a warm process).
    private bool _answeredCleanly;

    // What the client got, for a turn that ended at tool calls and may be held for its continuation.
    private readonly TurnRecord _turn = new();

    private RunningCommand Process => lease.Process.Command;

    /// <summary>Told of every event before the dialect sees it (the ledger's facts); none by default.</summary>
    public IRunObserver? Observer { get; set; }

    public int ProcessId => lease.Process.ProcessId;
    public string SandboxPath => lease.Process.Sandbox.Root;

    /// <summary>
    /// How the request's CLI started: "cold" (with the request), "pre-started" (before it, unused
    /// until now) or "reused" (it served an earlier request of the same key and was reset since).
    /// </summary>
    public string StartedAs => lease.Start switch
    {
        CliStart.PreStarted => "pre-started",
        CliStart.Reused => "reused",
        _ => "cold",
    };

    /// <summary>
    /// The in-turn web tools offered to the model and those it used, for the request log
    /// (<c>offered=web_fetch,web_search used=web_fetch</c>); null when none were offered.
    /// </summary>
    public string? WebTools => Tools.Web.WebToolsReport.Of(lease.Invocation.InTurnTools, (parser as Tools.Web.InTurnToolParser)?.Used ?? []);

    /// <summary>
    /// How the conversation's earlier turns reached the CLI: "continued" (a held process went on),
    /// "reconstructed" (written in the CLI's session format and resumed) or "fresh".
    /// </summary>
    public string History => lease.History.Label();

    public async IAsyncEnumerable<ProviderEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(limits.Options.MaxTimeout, limits.Time);
        using var inactivity = new CancellationTokenSource(limits.Options.InactivityTimeout, limits.Time);
        // Cancelled shortly after the CLI began to run a tool, once its output has gone quiet: the
        // model's answer is over, and the CLI would only wait for the tool (which never answers).
        using var settled = new CancellationTokenSource(Timeout.InfiniteTimeSpan, limits.Time);
        using var toolCallWatch = limits.ToolCalled.Register(() => settled.CancelAfter(ToolCallSettleTime));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(
            limits.RequestAborted, deadline.Token, inactivity.Token, settled.Token, cancellationToken);
        var stderr = new OutputTail();
        using var watched = (limits.FailureWatch?.Failed ?? CancellationToken.None).Register(linked.Cancel);
        await using var events = Process.ReadEventsAsync(linked.Token).GetAsyncEnumerator(linked.Token);
        while (!_ended)
        {
            CommandEvent? commandEvent;
            try
            {
                if (!await events.MoveNextAsync()) break;
                commandEvent = events.Current;
            }
            catch (OperationCanceledException)
            {
                commandEvent = null;
            }
            if (commandEvent is null)
            {
                if (settled.IsCancellationRequested && !limits.RequestAborted.IsCancellationRequested)
                {
                    foreach (var providerEvent in toolCalls.Apply(new TurnCompleted(FinishReason.ToolCalls)))
                    {
                        Observer?.Saw(providerEvent);
                        _turn.Delivered(providerEvent);
                        yield return providerEvent;
                    }
                    yield break;
                }
                if (CancellationFailure(deadline.IsCancellationRequested, inactivity.IsCancellationRequested) is { } failure)
                    yield return failure;
                yield break;
            }
            inactivity.CancelAfter(limits.Options.InactivityTimeout);
            if (limits.ToolCalled.IsCancellationRequested) settled.CancelAfter(ToolCallSettleTime);

            var parsed = commandEvent switch
            {
                StandardOutputCommandEvent output => parser.ParseLine(output.Text),
                StandardErrorCommandEvent error => Remember(stderr, error.Text).Concat(parser.ParseErrorLine(error.Text)),
                ExitedCommandEvent exited => parser.Finish(exited.ExitCode, stderr.ToString()),
                _ => [],
            };
            foreach (var providerEvent in parsed.SelectMany(Filter))
            {
                _turn.Delivered(providerEvent);
                if (providerEvent is TurnCompleted or TurnFailed) _ended = true;
                if (providerEvent is TurnCompleted { Reason: not FinishReason.ToolCalls } or TurnFailed) _exitsByItself = true;
                if (providerEvent is TurnCompleted { Reason: not FinishReason.ToolCalls }) _answeredCleanly = true;
                Observer?.Saw(providerEvent);
                yield return providerEvent;
                if (_ended) break;
            }
        }
    }

    private IEnumerable<ProviderEvent> Filter(ProviderEvent providerEvent)
    {
        _turn.Produced(providerEvent);
        return toolCalls.Apply(providerEvent);
    }

    public async ValueTask DisposeAsync()
    {
        // A turn that ended at tool calls keeps its process waiting on them for the client's next request.
        // The holder takes the lease over (and gives it back itself if it cannot hold the process after all).
        if (!limits.RequestAborted.IsCancellationRequested && holdAtToolCalls?.Invoke(lease, _turn) == true) return;
        var naturalExit = _exitsByItself ? NaturalExitWait : TimeSpan.Zero;
        await lease.ReleaseAsync(_answeredCleanly && !limits.RequestAborted.IsCancellationRequested, naturalExit);
    }

    private static IEnumerable<ProviderEvent> Remember(OutputTail tail, string line)
    {
        tail.Append(line);
        return [];
    }

    private TurnFailed? CancellationFailure(bool deadlinePassed, bool inactive)
    {
        // At shutdown a run may finish within SHUTDOWN_GRACE_PERIOD; after it, the server aborts the request.
        if (limits.RequestAborted.IsCancellationRequested) return null; // nobody is listening any more
        if (limits.FailureWatch?.Failure is { } failure) return new TurnFailed(failure);
        if (deadlinePassed)
            return new TurnFailed(GatewayError.Timeout($"The CLI did not finish within MAX_TIMEOUT ({limits.Options.MaxTimeoutMs} ms) and was stopped."));
        if (inactive)
            return new TurnFailed(GatewayError.Timeout($"The CLI printed nothing for INACTIVITY_TIMEOUT ({limits.Options.InactivityTimeoutMs} ms) and was stopped."));
        return null;
    }
}
