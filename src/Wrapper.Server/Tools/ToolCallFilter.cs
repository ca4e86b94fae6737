using Wrapper.Server.Core;
using System.Text.Json;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Tools;

/// <summary>
/// Stands between a CLI's tool calls and the client: maps each name back to the client's, drops
/// calls to tools the client never offered, keeps only the first call when the client asked for
/// one at a time, numbers the calls 0, 1, 2..., and lets no arguments through that are not a JSON
/// object (empty arguments become <c>{}</c>, which the clients need).
/// </summary>
internal sealed class ToolCallFilter(IReadOnlyDictionary<string, string> clientNames, bool parallelCalls)
{
    private int _passed;

    public IEnumerable<ProviderEvent> Apply(ProviderEvent providerEvent)
    {
        switch (providerEvent)
        {
            case ToolCallReady call:
                if (!clientNames.TryGetValue(call.Name, out var clientName) || (!parallelCalls && _passed > 0)) return [];
                if (Repair(call.Arguments) is not { } arguments)
                    return [new TurnFailed(GatewayError.Upstream($"The model called {clientName} with arguments that are not a JSON object.", "invalid_tool_arguments"))];
                return [call with { Index = _passed++, Name = clientName, Arguments = arguments }];
            case TurnCompleted { Reason: FinishReason.ToolCalls } when _passed == 0:
                // Only calls the client cannot run were made (none survived): the turn simply ends.
                return [new TurnCompleted(FinishReason.Stop)];
            default:
                return [providerEvent];
        }
    }

    private static string? Repair(string arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments)) return "{}";
        try
        {
            using var document = JsonDocument.Parse(arguments);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.GetRawText() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
