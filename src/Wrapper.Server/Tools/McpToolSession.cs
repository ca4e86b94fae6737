using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace Wrapper.Server.Tools;

/// <summary>
/// One request's tool list, served while the lease is held, and the CLI's <c>tools/call</c> requests
/// that wait for the client's results (a turn held for its continuation answers them).
/// </summary>
internal sealed class McpToolSession(string token, IReadOnlyList<McpTool> tools, Action close) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<McpToolCall> _waiting = [];

    // Never disposed: a late tools/call may still cancel it after the run ended, and without a
    // timer a CancellationTokenSource holds nothing that needs releasing. Replaced for each turn.
    private CancellationTokenSource _toolCalled = new();
    private Func<McpToolCall, bool>? _answerer;
    private Action? _abandoned;
    private bool _listed;
    private bool _closed;

    public string Token { get; } = token;

    public IReadOnlyList<McpTool> Tools { get; } = tools;

    /// <summary>
    /// Cancelled when the CLI asks to run one of the tools in the current turn. A CLI runs tools only
    /// once the model's answer is complete, so from then on no more of that answer will come.
    /// </summary>
    public CancellationToken ToolCalled
    {
        get { lock (_lock) return _toolCalled.Token; }
    }

    /// <summary>
    /// Waits up to <paramref name="patience"/> for the CLI's first <c>tools/call</c> of this turn: the
    /// model's answer ends before the CLI sends its calls. True when one waits for an answer.
    /// </summary>
    public async Task<bool> CallArrivesAsync(TimeSpan patience, TimeProvider time, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ToolCalled, cancellationToken);
        try
        {
            await Task.Delay(patience, time, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // a call arrived
        }
        return !cancellationToken.IsCancellationRequested && Waiting.Count > 0;
    }

    /// <summary>The CLI's calls that wait for an answer now, in arrival order.</summary>
    public IReadOnlyList<McpToolCall> Waiting
    {
        get { lock (_lock) return [.. _waiting]; }
    }

    /// <summary>
    /// A <c>tools/call</c> of the CLI: answered by the current answerer at once if it knows the
    /// result, else it waits (its task never completes unless a later turn answers it).
    /// </summary>
    internal McpToolCall CallArrived(string toolName, JsonObject arguments)
    {
        var call = new McpToolCall(toolName, arguments);
        CancellationTokenSource signal;
        lock (_lock)
        {
            // A call answered at once (the next of a continued turn's calls) does not end the turn.
            if (_closed || _answerer?.Invoke(call) == true) return call;
            _waiting.Add(call);
            signal = _toolCalled;
        }
        signal.Cancel();
        return call;
    }

    /// <summary>
    /// The CLI stopped waiting for <paramref name="call"/> (its own time-out, or it is gone): a turn
    /// held for that call can no longer be continued. Runs <see cref="OnAbandoned"/>'s action.
    /// </summary>
    internal void Abandoned(McpToolCall call)
    {
        Action? abandoned;
        lock (_lock)
        {
            if (!_waiting.Remove(call)) return;
            abandoned = _abandoned;
        }
        abandoned?.Invoke();
    }

    /// <summary>What to do when the CLI gives up a waiting call (a holder ends the held process).</summary>
    public void OnAbandoned(Action? abandoned)
    {
        lock (_lock) _abandoned = abandoned;
    }

    /// <summary>
    /// Starts the next turn of a held process: a new <see cref="ToolCalled"/> signal, and the waiting
    /// calls (and those still to come, as Claude Code sends one after the other) answered by
    /// <paramref name="answerer"/>, which returns false for a call it has no result for.
    /// </summary>
    internal void NextTurn(Func<McpToolCall, bool> answerer)
    {
        lock (_lock)
        {
            _toolCalled = new CancellationTokenSource();
            _answerer = answerer;
            _abandoned = null;
            _waiting.RemoveAll(answerer.Invoke);
        }
    }

    /// <summary>
    /// True once the CLI has read the tool list. A CLI that never did has no tools (its MCP
    /// connection failed) and answers as if the client had sent none: a warm pool must not reuse it.
    /// </summary>
    public bool ToolsListed => Volatile.Read(ref _listed);

    internal void Listed() => Volatile.Write(ref _listed, true);

    public void Dispose()
    {
        lock (_lock)
        {
            _closed = true;
            _waiting.Clear();
        }
        close();
    }
}

/// <summary>A <c>tools/call</c> from the CLI: the tool's MCP name, its arguments, and the answer once there is one.</summary>
internal sealed class McpToolCall(string toolName, JsonObject arguments)
{
    private readonly TaskCompletionSource<CallToolResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ToolName => toolName;
    public JsonObject Arguments => arguments;
    public Task<CallToolResult> Result => _result.Task;

    public void Answer(CallToolResult result) => _result.TrySetResult(result);
}
