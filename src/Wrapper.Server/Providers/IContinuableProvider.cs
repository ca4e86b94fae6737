namespace Wrapper.Server.Providers;

/// <summary>
/// A CLI whose process, stopped at its tool calls (held at the gateway's MCP endpoint), can carry on
/// once the calls are answered: its agent loop sends the results upstream as native tool results.
/// </summary>
internal interface IContinuableProvider
{
    /// <summary>
    /// A parser for the output of a process that continues after its tool calls were answered: what
    /// is left in its output from the previous turn is skipped, and its usage is this turn's alone.
    /// </summary>
    ICliOutputParser CreateContinuationParser();
}
