using Wrapper.Server.Core;
namespace Wrapper.Server.Providers;

/// <summary>Reads one run's stdout line by line; stateful, one instance per run.</summary>
internal interface ICliOutputParser
{
    IEnumerable<ProviderEvent> ParseLine(string line);

    /// <summary>
    /// A line the CLI wrote to stderr, in order with the others. Most CLIs only log there; a CLI that
    /// tells something only in its log (Codex: the model's complete answer) is read here too.
    /// </summary>
    IEnumerable<ProviderEvent> ParseErrorLine(string line) => [];

    /// <summary>
    /// Called once when the process has exited. Yields a <see cref="TurnFailed"/> (or the final events)
    /// when the output did not already end the turn.
    /// </summary>
    IEnumerable<ProviderEvent> Finish(int exitCode, string standardErrorTail);
}
