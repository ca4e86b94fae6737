using Wrapper.Server.Dialects.OpenAiChat;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Wrapper.Server.Api;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Core;
using Wrapper.Server.Configuration;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;
using Wrapper.Server.Images;
using Wrapper.Server.Security;
using Wrapper.Server.Tools;
using Wrapper.Server.Tools.Web;

namespace Wrapper.Server.Diagnostics;

/// <summary>
/// <c>POST /v1/debug/request</c>: validates a chat request exactly as the chat endpoint does and shows
/// how it would run (provider, CLI model, arguments with secrets masked, the executable found or
/// not, the tool protocol with the names the model sees, the XML detector's score, the images found) without running it. The invocation is built against a throwaway sandbox, removed at once.
/// </summary>
internal static class DebugRequestEndpoint
{
    public static Task HandleAsync(
        HttpContext context,
        IConfiguration configuration,
        IOptions<ExecutionOptions> execution,
        IOptions<RequestLimitOptions> limits,
        XmlToolDetector xmlTools,
        ImagePreparer imagePreparer,
        CompletionPipeline pipeline,
        Warm.WarmPool pool,
        CompletionRunner runner) =>
        DescribeAsync(context, configuration, execution, xmlTools, imagePreparer, pipeline, pool, runner, async aborted =>
            // A Messages body is told by its anthropic-version header (Claude Code and every Anthropic SDK send it).
            ErrorShapes.Of(context.Request) == ErrorShape.Anthropic
                ? (Dialects.AnthropicMessages.MessagesEndpoint.Parse(await Dialects.AnthropicMessages.MessagesEndpoint.ReadBodyAsync(context.Request, aborted), limits.Value),
                    new JsonObject { ["dialect"] = "anthropic-messages" })
                : (ChatCompletionsEndpoint.Parse(await ChatCompletionsEndpoint.ReadBodyAsync(context.Request, aborted), limits.Value),
                    new JsonObject { ["dialect"] = "openai-chat" }));

    /// <summary><c>POST /v1/debug/responses</c>: the same view of a Responses API body, with the hosted tools it dropped.</summary>
    public static Task HandleResponsesAsync(
        HttpContext context,
        IConfiguration configuration,
        IOptions<ExecutionOptions> execution,
        XmlToolDetector xmlTools,
        ImagePreparer imagePreparer,
        CompletionPipeline pipeline,
        Warm.WarmPool pool,
        CompletionRunner runner,
        Dialects.OpenAiResponses.ResponsesDebugView responses) =>
        DescribeAsync(context, configuration, execution, xmlTools, imagePreparer, pipeline, pool, runner, aborted => responses.ParseAsync(context, aborted));

    private static async Task DescribeAsync(
        HttpContext context,
        IConfiguration configuration,
        IOptions<ExecutionOptions> execution,
        XmlToolDetector xmlTools,
        ImagePreparer imagePreparer,
        CompletionPipeline pipeline,
        Warm.WarmPool pool,
        CompletionRunner runner,
        Func<CancellationToken, Task<(CompletionRequest Request, JsonObject? DialectView)>> parse)
    {
        var aborted = context.RequestAborted;
        try
        {
            var (requested, dialectView) = await parse(aborted);
            var xml = xmlTools.Assess(requested);
            var (request, provider) = pipeline.Route(context, requested);
            request = request with { Images = await imagePreparer.PrepareAsync(request, aborted) };
            var path = ExecutableLocator.Find(provider.Executable.ConfiguredPath, configuration["PATH"]);
            var masker = SecretMasker.FromConfiguration(configuration);

            JsonArray arguments;
            IReadOnlyList<string> environment;
            IReadOnlyDictionary<string, string> toolNames;
            IReadOnlyDictionary<string, string> inTurnTools;
            var warm = pool.WarmStartFor(provider, request);
            using (var sandbox = Sandbox.Create(execution.Value.ResolvedSandboxRoot))
            {
                // The arguments the request would really run with: a warm process's, where the pool serves it.
                var invocation = warm is null ? provider.BuildInvocation(request, sandbox) : warm.BuildWarmInvocation(request, sandbox);
                foreach (var resource in invocation.Resources) resource.Dispose();
                invocation.FailureWatch?.Dispose();
                arguments = [.. invocation.Arguments.Select(a => (JsonNode?)JsonValue.Create(masker.Mask(a.Replace(sandbox.Root, "<sandbox>", StringComparison.Ordinal))))];
                environment = invocation.AllowedEnvironment;
                toolNames = invocation.ToolNames;
                inTurnTools = invocation.InTurnTools;
            }

            var answer = new JsonObject
            {
                ["valid"] = true,
                ["model"] = requested.Model,
                // The id after MODEL_MAP: what is routed and handed to the CLI (without -progress).
                ["routed_model"] = request.Model,
                ["provider"] = provider.Name,
                ["cli_model"] = request.CliModel,
                ["stream"] = request.Stream,
                ["executable"] = new JsonObject
                {
                    ["configured"] = provider.Executable.ConfiguredPath,
                    ["setting"] = provider.Executable.Setting,
                    ["path"] = path,
                    ["found"] = path is not null,
                },
                ["arguments"] = arguments,
                ["environment_names"] = new JsonArray([.. environment.Select(name => (JsonNode?)JsonValue.Create(name))]),
                ["warm"] = WarmView(pool, provider, warm, request),
                // "continued": a held process (stopped at its tool calls, or after a plain answer) would go on with this request;
                // "reconstructed": the earlier turns would be resumed from the CLI's session format (README "Agent loops").
                ["history"] = runner.ExpectedHistory(request, provider).Label(),
                ["tool_protocol"] = toolNames.Count > 0 ? "native" : xml.ExpectsXmlTools ? "xml" : "none",
                // The names the model sees (each CLI prefixes MCP tools its own way) and the client's.
                ["tool_names"] = new JsonObject([.. toolNames.Select(n => KeyValuePair.Create(n.Key, (JsonNode?)JsonValue.Create(n.Value)))]),
                // The web tools the model would be offered (WEB_TOOLS), by the names it sees them under.
                ["web_tools"] = new JsonObject
                {
                    ["offered"] = new JsonArray([.. WebToolsReport.Offered(inTurnTools).Select(kind => (JsonNode?)JsonValue.Create(kind))]),
                    ["tool_names"] = new JsonObject([.. inTurnTools.Select(n => KeyValuePair.Create(n.Key, (JsonNode?)JsonValue.Create(n.Value)))]),
                },
                ["xml_detector"] = new JsonObject { ["score"] = xml.Score, ["fires"] = xml.ExpectsXmlTools },
                ["images"] = new JsonArray([.. request.Images.Select(image => (JsonNode?)new JsonObject
                {
                    ["number"] = image.Number,
                    ["media_type"] = image.MediaType,
                    ["width"] = image.Width,
                    ["height"] = image.Height,
                    ["bytes"] = image.Bytes.Length,
                })]),
            };
            foreach (var (name, value) in dialectView ?? []) answer[name] = value?.DeepClone();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.ToJsonString(), aborted);
        }
        catch (GatewayException e) when (!context.Response.HasStarted)
        {
            await ErrorResponses.WriteAsync(context.Response, e.Error, aborted);
        }
    }

    /// <summary>Whether a warm process would serve the request: the strategy, and how many wait for its key now.</summary>
    private static JsonObject WarmView(Warm.WarmPool pool, ICliProvider provider, IWarmStartProvider? warm, CompletionRequest request)
    {
        if (warm is null) return new JsonObject { ["strategy"] = "cold" };
        var key = Warm.WarmKey.For(provider.Name, request);
        return new JsonObject
        {
            ["strategy"] = pool.StrategyFor(warm),
            ["key"] = key.ToString(),
            ["ready"] = pool.WaitingFor(key),
        };
    }
}
