using Wrapper.Server.Core;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Tools.Web;

/// <summary>
/// Lets a turn go on past the tools that run inside it (the gateway's web_fetch, a CLI's hosted
/// search), for every CLI alike: each CLI's parser ends the turn at the model's tool calls, as it
/// must for the client's tools. Here a call of an in-turn tool is kept from the client, and an end
/// at tool calls that were all in-turn ones is dropped: the CLI runs them, calls the model again and
/// prints a new answer, which a fresh parser of the same CLI reads from its start. The last parser's
/// usage is the CLI's count for the whole turn (each CLI reports the turn's total in its final event).
/// </summary>
internal sealed class InTurnToolParser(Func<ICliOutputParser> createParser, IReadOnlyDictionary<string, string> inTurnTools) : ICliOutputParser
{
    private readonly List<string> _used = [];
    private ICliOutputParser _parser = createParser();
    private int _clientCalls;
    private int _inTurnCalls;

    /// <summary>The in-turn tools the model called, by kind (<c>web_fetch</c>, <c>web_search</c>), in order, each once.</summary>
    public IReadOnlyList<string> Used => _used;

    public IEnumerable<ProviderEvent> ParseLine(string line) => Pass(_parser.ParseLine(line));

    public IEnumerable<ProviderEvent> ParseErrorLine(string line) => Pass(_parser.ParseErrorLine(line));

    public IEnumerable<ProviderEvent> Finish(int exitCode, string standardErrorTail) => Pass(_parser.Finish(exitCode, standardErrorTail));

    private List<ProviderEvent> Pass(IEnumerable<ProviderEvent> events)
    {
        var passed = new List<ProviderEvent>();
        foreach (var providerEvent in events)
        {
            switch (providerEvent)
            {
                case ToolCallReady call when inTurnTools.TryGetValue(call.Name, out var kind):
                    _inTurnCalls++;
                    if (!_used.Contains(kind)) _used.Add(kind);
                    break;
                case ToolCallReady:
                    _clientCalls++;
                    passed.Add(providerEvent);
                    break;
                case TurnCompleted { Reason: FinishReason.ToolCalls } when _clientCalls == 0 && _inTurnCalls > 0:
                    // The CLI goes on with the tools' results: what it prints next is a new answer.
                    _inTurnCalls = 0;
                    _parser = createParser();
                    return passed;
                default:
                    passed.Add(providerEvent);
                    break;
            }
        }
        return passed;
    }
}
