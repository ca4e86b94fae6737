using Wrapper.Server.Core;
using Wrapper.Server.Providers;

namespace Wrapper.Server.Dialects.OpenAiChat;

internal static class FinishReasons
{
    public static string ToWire(FinishReason reason) => reason switch
    {
        FinishReason.Length => "length",
        FinishReason.ToolCalls => "tool_calls",
        _ => "stop",
    };
}
