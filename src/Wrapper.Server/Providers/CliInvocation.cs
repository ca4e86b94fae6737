namespace Wrapper.Server.Providers;

/// <summary>How to run the CLI for one request. The prompt travels on stdin, never in argv.</summary>
internal sealed record CliInvocation(IReadOnlyList<string> Arguments, string StandardInput)
{
    /// <summary>Names the child may receive from the gateway's settings (auth and routing).</summary>
    public IReadOnlyList<string> AllowedEnvironment { get; init; } = [];

    /// <summary>Fixed values the provider sets (quiet switches, retry limits); they win over allowed ones.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentOverrides { get; init; } = new Dictionary<string, string>();

    /// <summary>The client's tool names by the names the CLI gives them (e.g. <c>mcp__w__read_file</c>).</summary>
    public IReadOnlyDictionary<string, string> ToolNames { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Tools that run inside the turn (the gateway's web_fetch, the CLI's hosted search) by the names
    /// the CLI gives them, each with its kind (<c>web_fetch</c>, <c>web_search</c>): never the client's,
    /// and the turn does not end at them (see <see cref="Tools.Web.InTurnToolParser"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> InTurnTools { get; init; } = new Dictionary<string, string>();

    /// <summary>What lives as long as the run (a registered tool session); disposed when it ends.</summary>
    public IReadOnlyList<IDisposable> Resources { get; init; } = [];

    /// <summary>
    /// The session that serves the client's tools to this run (also among <see cref="Resources"/>), or
    /// null without tools: its <see cref="Tools.McpToolSession.ToolCalled"/> signal says the CLI began
    /// to run a tool (the model's turn is over), and whether it read the list at all.
    /// </summary>
    public Tools.McpToolSession? ToolSession { get; init; }

    /// <summary>
    /// The CLI's working directory when not the sandbox's own: Claude Code names it in every request's
    /// first message, so a fixed one keeps that message the same across processes (Providers/Claude).
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Ends the run early with an error the CLI's output would show only much later; disposed when it ends.</summary>
    public ICliFailureWatch? FailureWatch { get; init; }
}
