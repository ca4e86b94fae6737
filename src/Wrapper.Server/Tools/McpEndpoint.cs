using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.Server.Tools.Web;

namespace Wrapper.Server.Tools;

/// <summary>
/// A minimal MCP server over Streamable HTTP (https://modelcontextprotocol.io/specification/2025-06-18/basic/transports):
/// JSON-RPC <c>initialize</c>, <c>ping</c> and <c>tools/list</c> answered as JSON; notifications
/// accepted. A <c>tools/call</c> of a client's tool is held open: the gateway ends the CLI's turn as
/// soon as the model asks for the call and the client runs the tool; when the client's next request
/// continues the held turn (Continuation/), the call is answered with the client's result. A call of
/// one of the gateway's own tools is run and answered at once (<see cref="GatewayToolCall"/>).
/// </summary>
internal static class McpEndpoint
{
    private const string FallbackProtocolVersion = "2025-06-18";
    private const string Route = "/internal/mcp";

    /// <summary>The capability token of an MCP endpoint path, or null for any other path.</summary>
    public static string? TokenOf(PathString path) =>
        path.StartsWithSegments(Route, out var rest) && rest.Value is ['/', .. var token] && token.Length > 0 && !token.Contains('/') ? token : null;

    /// <summary>The path as logs may show it: an MCP capability token is a secret while its request runs.</summary>
    public static string Masked(string path) =>
        path.StartsWith(Route + "/", StringComparison.OrdinalIgnoreCase) ? Route + "/***" : path;

    public static void MapMcpEndpoint(this WebApplication app)
    {
        app.MapPost(Route + "/{token}", HandleAsync);
        app.MapMethods(Route + "/{token}", ["GET", "DELETE"], () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed));
    }

    private static async Task<IResult> HandleAsync(string token, HttpContext context, McpToolSessions sessions)
    {
        if (sessions.Find(token) is not { } session) return Results.NotFound();
        JsonNode? message;
        try { message = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted); }
        catch (JsonException) { return Results.BadRequest(); }

        var id = message?["id"]?.DeepClone();
        var method = message?["method"]?.GetValue<string>();
        if (id is null) return Results.Accepted(); // a notification: nothing to answer

        switch (method)
        {
            case "initialize":
                return Reply(id, new JsonObject
                {
                    ["protocolVersion"] = message?["params"]?["protocolVersion"]?.GetValue<string>() ?? FallbackProtocolVersion,
                    ["capabilities"] = new JsonObject { ["tools"] = new JsonObject() },
                    ["serverInfo"] = new JsonObject { ["name"] = "wrapper", ["version"] = "1.0.0" },
                });
            case "ping":
                return Reply(id, new JsonObject());
            case "tools/list":
                sessions.ToolsListed(token);
                return Reply(id, new JsonObject { ["tools"] = new JsonArray([.. session.Tools.Select(Describe)]) });
            case "tools/call" when GatewayToolCall.Find(session.Tools, message) is { } gatewayTool:
                return Reply(id, await GatewayToolCall.RunAsync(gatewayTool, message, context.RequestAborted));
            case "tools/call":
                var call = message?["params"];
                var waiting = session.CallArrived(call?["name"]?.GetValue<string>() ?? "", call?["arguments"]?.DeepClone() as JsonObject ?? []);
                try
                {
                    return Reply(id, await waiting.Result.WaitAsync(context.RequestAborted));
                }
                catch (OperationCanceledException)
                {
                    session.Abandoned(waiting);
                    return Results.Empty;
                }
            default:
                return Results.Json(new JsonObject
                {
                    ["jsonrpc"] = "2.0",
                    ["id"] = id,
                    ["error"] = new JsonObject { ["code"] = -32601, ["message"] = $"Method '{method}' is not supported." },
                });
        }
    }

    private static JsonNode Describe(McpTool tool) => new JsonObject
    {
        ["name"] = tool.Name,
        ["description"] = tool.Spec.Description,
        ["inputSchema"] = JsonNode.Parse(tool.Spec.InputSchema.GetRawText()),
    };

    private static IResult Reply(JsonNode id, JsonNode result) =>
        Results.Json(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result });
}
