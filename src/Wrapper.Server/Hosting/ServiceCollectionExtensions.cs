using Wrapper.Server.Dialects.OpenAiChat;
using Microsoft.Extensions.Options;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Core;
using Wrapper.Server.Images;
using Wrapper.Server.Configuration;
using Wrapper.Server.Processes;
using Wrapper.Server.Providers;
using Wrapper.Server.Providers.Claude;
using Wrapper.Server.Providers.Codex;
using Wrapper.Server.Providers.Gemini;
using Wrapper.Server.Providers.Qwen;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Hosting;

internal static class ServiceCollectionExtensions
{
    /// <summary>Options bound from flat setting names and validated at start-up, never mid-request.</summary>
    public static IServiceCollection AddWrapperOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ServerOptions, ServerOptionsValidator>(configuration);
        services.AddValidatedOptions<ExecutionOptions, ExecutionOptionsValidator>(configuration);
        services.AddValidatedOptions<StreamingOptions, StreamingOptionsValidator>(configuration);
        services.AddValidatedOptions<RoutingOptions, RoutingOptionsValidator>(configuration);
        services.AddValidatedOptions<XmlToolOptions, XmlToolOptionsValidator>(configuration);
        services.AddValidatedOptions<CleanupOptions, CleanupOptionsValidator>(configuration);
        services.AddValidatedOptions<ImageOptions, ImageOptionsValidator>(configuration);
        services.AddValidatedOptions<Tools.Web.WebToolsOptions, Tools.Web.WebToolsOptionsValidator>(configuration);
        services.AddValidatedOptions<Warm.WarmPoolOptions, Warm.WarmPoolOptionsValidator>(configuration);
        services.AddValidatedOptions<Continuation.HeldTurnOptions, Continuation.HeldTurnOptionsValidator>(configuration);
        services.AddValidatedOptions<Security.SecurityOptions, Security.SecurityOptionsValidator>(configuration);
        services.AddValidatedOptions<Security.RequestLimitOptions, Security.RequestLimitOptionsValidator>(configuration);
        services.AddValidatedOptions<RateLimiting.RateLimitOptions, RateLimiting.RateLimitOptionsValidator>(configuration);
        services.AddValidatedOptions<RateLimiting.ConcurrencyOptions, RateLimiting.ConcurrencyOptionsValidator>(configuration);
        services.AddValidatedOptions<Ledger.LedgerOptions, Ledger.LedgerOptionsValidator>(configuration);
        services.AddValidatedOptions<Dialects.OpenAiResponses.Storage.ResponsesOptions, Dialects.OpenAiResponses.Storage.ResponsesOptionsValidator>(configuration);
        return services;
    }

    public static IServiceCollection AddProcessLayer(this IServiceCollection services)
    {
        services.AddSingleton<ChildEnvironment>();
        services.AddSingleton<ChildSupervisor>();
        services.AddSingleton<SessionJanitor>();
        services.AddHostedService(provider => provider.GetRequiredService<SessionJanitor>());
        services.AddHostedService(provider => provider.GetRequiredService<ChildSupervisor>());
        // Kestrel waits this long for running requests at shutdown, then aborts them (and so their CLIs).
        services.AddOptions<HostOptions>().Configure<IOptions<ExecutionOptions>>((host, execution) =>
            host.ShutdownTimeout = TimeSpan.FromMilliseconds(execution.Value.ShutdownGracePeriodMs));
        return services;
    }

    /// <summary>Each CLI is a named plug-in; the registry fails at start-up on duplicate names.</summary>
    public static IServiceCollection AddProviders(this IServiceCollection services)
    {
        services.AddSingleton<Tools.Web.WebFetchTool>();
        services.AddSingleton<Tools.Web.GatewayTools>();
        services.AddSingleton<McpToolSessions>();
        services.AddMcpEndpoint();
        services.AddSingleton<XmlToolDetector>();
        services.AddSingleton<ImageDownloader>();
        services.AddSingleton<ImagePreparer>();
        services.AddSingleton<GatewayAddress>();
        // Each CLI declares everything about itself in its folder (docs/ARCHITECTURE.md): a fifth is one more call here.
        services.AddClaude().AddGemini().AddQwen().AddCodex();
        services.AddSingleton<ProviderRegistry>();
        services.AddMemoryCache();
        services.AddSingleton<CliProbe>();
        services.AddSingleton<ModelCatalog>();
        return services;
    }

    public static IServiceCollection AddCompletions(this IServiceCollection services)
    {
        // TypedResults serialise with the same snake_case, source-generated contracts as the rest.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = WrapperJson.Context.Options.PropertyNamingPolicy;
            json.SerializerOptions.Encoder = WrapperJson.Context.Options.Encoder;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, WrapperJson.Context);
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CliLauncher>();
        services.AddSingleton<Warm.WarmPool>();
        services.AddSingleton<Continuation.HeldTurns>();
        services.AddSingleton<Continuation.SessionReconstruction>();
        services.AddSingleton<CompletionRunner>();
        services.AddSingleton<CompletionAggregator>();
        services.AddSingleton<ChatCompletionAnswer>();
        services.AddSingleton<Dialects.AnthropicMessages.MessagesAnswers>();
        services.AddSingleton<Dialects.Streaming.HeldBackStream>();
        services.AddSingleton<Dialects.OpenAiResponses.Storage.ResponseStore>();
        services.AddSingleton<Dialects.OpenAiResponses.ResponsesAnswers>();
        services.AddSingleton<Dialects.OpenAiResponses.ResponsesDebugView>();
        services.AddSingleton<ModelMap>();
        services.AddSingleton<CompletionPipeline>();
        return services;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
