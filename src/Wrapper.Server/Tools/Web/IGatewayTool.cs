using System.Text.Json;

namespace Wrapper.Server.Tools.Web;

/// <summary>
/// A tool the gateway runs itself, inside the model's turn: offered to the CLI over the same MCP
/// endpoint as the client's tools, but its <c>tools/call</c> is answered at once and the CLI's turn
/// goes on; nothing of it reaches the client as a tool call.
/// </summary>
internal interface IGatewayTool
{
    /// <summary>The tool as the model sees it; its name is reserved against the client's tool names.</summary>
    ToolSpec Spec { get; }

    /// <summary>Runs the call; a refusal or failure is a result with <see cref="GatewayToolResult.IsError"/> set, for the model to read.</summary>
    Task<GatewayToolResult> RunAsync(JsonElement arguments, CancellationToken cancellationToken);
}

/// <summary>What a gateway tool answers: text for the model, and whether it is an error (MCP <c>isError</c>).</summary>
internal sealed record GatewayToolResult(string Text, bool IsError)
{
    public static GatewayToolResult Error(string text) => new(text, IsError: true);
}
