namespace Wrapper.Server.Tools;

/// <summary>One request's tool list, served while the lease is held.</summary>
internal sealed class McpToolSession(string token, IReadOnlyList<McpTool> tools, Action close) : IDisposable
{
    // Never disposed: a late tools/call may still cancel it after the run ended, and without a
    // timer a CancellationTokenSource holds nothing that needs releasing.
    private readonly CancellationTokenSource _toolCalled = new();
    private bool _listed;

    public string Token { get; } = token;

    public IReadOnlyList<McpTool> Tools { get; } = tools;

    /// <summary>
    /// Cancelled when the CLI asks to run one of the tools. A CLI runs tools only once the model's
    /// answer is complete, so from then on no more of that answer will come.
    /// </summary>
    public CancellationToken ToolCalled => _toolCalled.Token;

    internal void ToolCallArrived() => _toolCalled.Cancel();

    /// <summary>
    /// True once the CLI has read the tool list. A CLI that never did has no tools (its MCP
    /// connection failed) and answers as if the client had sent none: a warm pool must not reuse it.
    /// </summary>
    public bool ToolsListed => Volatile.Read(ref _listed);

    internal void Listed() => Volatile.Write(ref _listed, true);

    public void Dispose() => close();
}
