using System.Diagnostics;
using Wrapper.Server.Security;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Diagnostics;

/// <summary>One structured line per request: method, path, status, duration, client, model, provider, tokens, CLI start, web tools.</summary>
internal static partial class RequestLogMiddleware
{
    public static WebApplication UseRequestLog(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Wrapper.Requests");
        var clients = app.Services.GetRequiredService<ClientAddress>();
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var items = context.Items;
                // The path and the model come from the client: escaped, and an MCP token masked.
                LogRequest(logger, context.Request.Method, RequestLogText.Escape(McpEndpoint.Masked(context.Request.Path.Value ?? "/"))!,
                    context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, clients.PartitionKey(context),
                    RequestLogText.Escape(items[RequestLogItems.Model] as string), items[RequestLogItems.Provider] as string, items[RequestLogItems.Tokens] as int?,
                    items[RequestLogItems.Warm] as string, items[RequestLogItems.History] as string, items[RequestLogItems.WebTools] as string);
            }
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Method} {Path} {Status} in {ElapsedMs:0} ms from {ClientIp} model={Model} provider={Provider} tokens={Tokens} cli={Warm} history={History} web={WebTools}")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, double elapsedMs, string clientIp, string? model, string? provider, int? tokens, string? warm, string? history, string? webTools);
}
