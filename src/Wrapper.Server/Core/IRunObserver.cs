namespace Wrapper.Server.Core;

/// <summary>
/// Sees every event of a run as it passes to the dialect (the usage ledger counts tokens, tool calls
/// and the time to the first token there), whatever the dialect does with it.
/// </summary>
internal interface IRunObserver
{
    void Saw(ProviderEvent providerEvent);
}
