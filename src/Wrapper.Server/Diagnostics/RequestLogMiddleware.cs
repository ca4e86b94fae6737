using Serilog;
using Serilog.Events;
using Wrapper.Server.Security;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Diagnostics;

/// <summary>
/// One structured line per request (Serilog.AspNetCore's request logging): method, path, status,
/// duration, client, model, provider, tokens, wait for a CLI slot, CLI start, history, web tools.
/// </summary>
internal static class RequestLogMiddleware
{
    private const string Template =
        "{RequestMethod} {RequestPath} {StatusCode} in {Elapsed:0} ms from {ClientIp} model={Model} provider={Provider} tokens={Tokens} queued={Queued} cli={Warm} history={History} web={WebTools}";

    public static WebApplication UseRequestLog(this WebApplication app)
    {
        var clients = app.Services.GetRequiredService<ClientAddress>();
        // The gateway's own logger (its levels and secret masking: WrapperLogging), not the static Log.
        var logger = app.Services.GetRequiredService<Serilog.ILogger>();
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = logger;
            options.MessageTemplate = Template;
            // A status is the client's answer, not the gateway's fault: every line at one level, as the
            // errors themselves are logged where they happen.
            options.GetLevel = (_, _, _) => LogEventLevel.Information;
            // The path comes from the client: escaped, and an MCP token masked.
            options.GetMessageTemplateProperties = (context, _, elapsedMs, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(RequestLogText.Escape(McpEndpoint.Masked(context.Request.Path.Value ?? "/")))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsedMs)),
            ];
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                var items = context.Items;
                diagnostics.Set("ClientIp", clients.PartitionKey(context));
                diagnostics.Set("Model", RequestLogText.Escape(items[RequestLogItems.Model] as string));
                diagnostics.Set("Provider", items[RequestLogItems.Provider] as string);
                diagnostics.Set("Tokens", items[RequestLogItems.Tokens] as int?);
                diagnostics.Set("Queued", items[RequestLogItems.Queued] as long?);
                diagnostics.Set("Warm", items[RequestLogItems.Warm] as string);
                diagnostics.Set("History", items[RequestLogItems.History] as string);
                diagnostics.Set("WebTools", items[RequestLogItems.WebTools] as string);
            };
        });
        return app;
    }
}
