using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Wrapper.Server.Tools.Web;

namespace Wrapper.Server.Tools;

/// <summary>
/// The gateway's MCP server for the CLIs, on the MCP C# SDK's Streamable HTTP transport
/// (https://modelcontextprotocol.io/specification/2025-06-18/basic/transports), one route per
/// running request: <c>/internal/mcp/&lt;token&gt;</c> lists exactly that request's tools. Stateless
/// (no <c>Mcp-Session-Id</c>): the token, not a session, says whose tools a call is about, so each
/// HTTP request gets a server configured from the <see cref="McpToolSession"/> its token names.
/// A <c>tools/call</c> of a client's tool is held open: the gateway ends the CLI's turn as soon as
/// the model asks for the call and the client runs the tool; when the client's next request
/// continues the held turn (Continuation/), the call is answered with the client's result. A call
/// of one of the gateway's own tools is run and answered at once (<see cref="GatewayToolCall"/>).
/// </summary>
internal static class McpEndpoint
{
    private const string Route = "/internal/mcp";

    /// <summary>The capability token of an MCP endpoint path, or null for any other path.</summary>
    public static string? TokenOf(PathString path) =>
        path.StartsWithSegments(Route, out var rest) && rest.Value is ['/', .. var token] && token.Length > 0 && !token.Contains('/') ? token : null;

    /// <summary>The path as logs may show it: an MCP capability token is a secret while its request runs.</summary>
    public static string Masked(string path) =>
        path.StartsWith(Route + "/", StringComparison.OrdinalIgnoreCase) ? Route + "/***" : path;

    public static IServiceCollection AddMcpEndpoint(this IServiceCollection services)
    {
        services.AddMcpServer(server => server.ServerInfo = new Implementation { Name = "wrapper", Version = "1.0.0" })
            .WithHttpTransport(transport =>
            {
                transport.Stateless = true;
                transport.ConfigureSessionOptions = ServeSession;
            });
        return services;
    }

    public static void MapMcpEndpoint(this WebApplication app)
    {
        var sessions = app.Services.GetRequiredService<McpToolSessions>();
        // An unknown token (a finished request's, a guess) is a 404 before the SDK sees the message.
        app.MapMcp(Route + "/{token}").AddEndpointFilter(async (context, next) =>
            TokenOf(context.HttpContext.Request.Path) is { } token && sessions.Find(token) is not null ? await next(context) : Results.NotFound());
        // Stateless, so no stream of server messages to GET and no session to DELETE: a 405 tells the
        // CLIs' MCP clients to go on without them (a 404 would fail their connection).
        app.MapMethods(Route + "/{token}", ["GET", "DELETE"], () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed));
    }

    /// <summary>Gives the server of one HTTP request the tool list and calls of the session its token names.</summary>
    private static Task ServeSession(HttpContext context, McpServerOptions options, CancellationToken cancellationToken)
    {
        var session = TokenOf(context.Request.Path) is { } token ? context.RequestServices.GetRequiredService<McpToolSessions>().Find(token) : null;
        if (session is null) return Task.CompletedTask; // ended since the filter let it in: the server lists nothing
        var aborted = context.RequestAborted; // the CLI giving up its call: stateless, so this very request's
        options.Capabilities = new ServerCapabilities { Tools = new ToolsCapability() };
        options.Handlers.ListToolsHandler = (_, _) =>
        {
            session.Listed();
            return ValueTask.FromResult(new ListToolsResult { Tools = [.. session.Tools.Select(Describe)] });
        };
        options.Handlers.CallToolHandler = (request, handlerCancellation) => CallAsync(session, request.Params, aborted, handlerCancellation);
        return Task.CompletedTask;
    }

    private static async ValueTask<CallToolResult> CallAsync(
        McpToolSession session, CallToolRequestParams? call, CancellationToken aborted, CancellationToken handlerCancellation)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(aborted, handlerCancellation);
        var name = call?.Name ?? "";
        var arguments = Arguments(call);
        if (session.Tools.FirstOrDefault(t => t.Name == name)?.RunsInGateway is { } gatewayTool)
            return await GatewayToolCall.RunAsync(gatewayTool, arguments, cancellation.Token);
        var waiting = session.CallArrived(name, arguments);
        try
        {
            return await waiting.Result.WaitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            session.Abandoned(waiting);
            throw;
        }
    }

    private static JsonObject Arguments(CallToolRequestParams? call)
    {
        var arguments = new JsonObject();
        foreach (var (name, value) in call?.Arguments ?? new Dictionary<string, JsonElement>())
            arguments[name] = JsonNode.Parse(value.GetRawText());
        return arguments;
    }

    private static Tool Describe(McpTool tool) => new()
    {
        Name = tool.Name,
        Description = tool.Spec.Description,
        InputSchema = tool.Spec.InputSchema,
    };
}
