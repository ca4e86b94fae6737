using Wrapper.Server.Core;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Providers;

/// <summary>The system prompt every CLI gets: the client's (or a neutral one) and what the tools need said.</summary>
internal static class SystemPrompt
{
    // A client that sends no system prompt gets a neutral one instead of the CLI's own agent prompt,
    // which describes tools that are switched off here.
    internal const string Default = "You are a helpful assistant.";

    public static string For(CompletionRequest request) =>
        string.Join("\n\n", new[] { request.SystemPrompt ?? Default, ToolInstructions.For(request) }.OfType<string>());
}
