using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Configuration;
using Wrapper.Server.Processes;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Providers.Qwen;

/// <summary>
/// Qwen Code (<c>qwen</c>) headless with <c>-o stream-json --include-partial-messages</c> as a plain
/// chat model: flags, settings and environment from docs/cli/REPORT.md §2-3, §7 and §9. Each request gets
/// its own <c>QWEN_HOME</c> in the sandbox, because the CLI rewrites its settings file.
/// </summary>
internal sealed partial class QwenProvider(
    IOptions<QwenOptions> options,
    IOptions<ExecutionOptions> execution,
    IConfiguration configuration,
    McpToolSessions toolSessions,
    GatewayAddress gatewayAddress) : ICliProvider, ICliAuthReporter
{
    public const string ProviderName = "qwen";

    /// <summary>Auth and routing variables Qwen Code reads; nothing else of the gateway's environment passes.</summary>
    internal static readonly IReadOnlyList<string> AllowedEnvironment =
        ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL"];

    /// <summary>The file of a `qwen` OAuth login in ~/.qwen, linked into the request's home.</summary>
    internal const string LoginFile = "oauth_creds.json";

    private readonly QwenOptions _options = options.Value;

    public string Name => ProviderName;

    public CliExecutable Executable => new("Qwen Code", "QWEN_CLI_PATH", _options.CliPath,
        "npm install -g @qwen-code/qwen-code@0.24.4");

    public IReadOnlyList<string> Models =>
        _options.Models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<string> ModelPrefixes => [_options.ModelPrefix];

    public bool Serves(string model) => model.StartsWith(_options.ModelPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The model handed to the CLI: the prefix alias (<c>qwen-default</c>) means OPENAI_MODEL, else QWEN_MODEL.</summary>
    public string CliModel(CompletionRequest request) =>
        string.Equals(request.CliModel, _options.ModelPrefix + "default", StringComparison.OrdinalIgnoreCase)
            ? configuration["OPENAI_MODEL"] is { Length: > 0 } openAiModel ? openAiModel : _options.DefaultModel
            : request.CliModel;

    public CliInvocation BuildInvocation(CompletionRequest request, Sandbox sandbox)
    {
        var systemPrompt = SystemPrompt.For(request);
        var qwenHome = CliHome.Directory(sandbox.HomeDirectory, ".qwen");
        var settings = Settings(qwenHome);
        // The CLI replaces images with a note for models it does not know as multimodal; the client sent them, so they go.
        if (request.Images.Count > 0) settings["model"]!["generationConfig"]!["modalities"] = new JsonObject { ["image"] = true };
        var tools = OfferTools(request, settings);
        CliHome.WriteFile(Path.Combine(qwenHome, "settings.json"), settings.ToJsonString());
        var model = CliModel(request);
        List<string> arguments =
        [
            "-o", "stream-json",            // no positional prompt: it comes on stdin
            "--include-partial-messages",   // token deltas, like Claude Code's
            "-m", model,
            "--chat-recording=false",       // no session transcript
            "--approval-mode", "default",   // nothing runs unasked
        ];
        var overrides = new Dictionary<string, string>
        {
            ["QWEN_HOME"] = qwenHome,
            ["TMPDIR"] = sandbox.TempDirectory,
            ["QWEN_CODE_NO_RELAUNCH"] = "true", // halves start-up time and memory (REPORT §6)
            ["QWEN_SYSTEM_MD"] = sandbox.WriteFile("system-prompt.md", systemPrompt),
            // 0.24 writes its debug log only when asked; QwenRetryWatch reads the failed attempts there.
            ["QWEN_DEBUG_LOG_FILE"] = "1",
        };
        // Auth type "openai" from the environment needs all three variables (REPORT §2).
        if (SelectedAuthType() == "openai") overrides["OPENAI_MODEL"] = model;
        return new CliInvocation(arguments, AtPathImages.Prompt(request, sandbox))
        {
            AllowedEnvironment = AllowedEnvironment,
            EnvironmentOverrides = overrides,
            FailureWatch = new QwenRetryWatch(Path.Combine(qwenHome, "debug"), TimeProvider.System),
            ToolNames = tools?.ToolNames ?? new Dictionary<string, string>(),
            // Only the gateway's web_fetch: Qwen Code's own web_search stays denied (see WebSearch).
            InTurnTools = tools?.InTurnTools() ?? [],
            Resources = [.. tools?.Resources ?? [], .. LoginWriteBack(qwenHome)],
            ToolSession = tools?.ClientToolSession,
        };
    }

    /// <summary>With a Qwen OAuth login, a token the CLI refreshes during the run goes back to the real home.</summary>
    private IEnumerable<IDisposable> LoginWriteBack(string qwenHome)
    {
        if (SelectedAuthType() == "qwen-oauth") yield return new LoginWriteBack(Path.Combine(qwenHome, LoginFile), RealQwenDirectory());
    }

    public string AuthSource() => SelectedAuthType() switch
    {
        "openai" => "OPENAI_API_KEY",
        "qwen-oauth" => "oauth login in ~/.qwen",
        _ => "none",
    };

    private JsonObject Settings(string qwenHome)
    {
        var settings = new JsonObject
        {
            // The SDK's retries; the CLI's own outer loop (7 attempts, no setting) is cut short by QwenRetryWatch.
            ["model"] = new JsonObject { ["generationConfig"] = new JsonObject { ["maxRetries"] = execution.Value.UpstreamMaxRetries } },
            ["privacy"] = new JsonObject { ["usageStatisticsEnabled"] = false },
            ["telemetry"] = new JsonObject { ["enabled"] = false },
            // Otherwise every prompt costs a second model call (REPORT §2).
            ["memory"] = new JsonObject { ["enableManagedAutoMemory"] = false },
            // Qwen Code reads QWEN.md and AGENTS.md from every folder above its working directory (a
            // parent of the sandbox root is anyone's to plant one in): it looks for a random name instead.
            ["context"] = new JsonObject { ["fileName"] = $"wrapper-no-memory-{Guid.NewGuid():N}.md" },
            ["tools"] = new JsonObject { ["exclude"] = new JsonArray([.. QwenBuiltInTools.Names.Select(t => JsonValue.Create(t))]) },
        };
        var authType = SelectedAuthType();
        if (authType == "qwen-oauth") CliHome.LinkLogin(RealQwenDirectory(), qwenHome, LoginFile);
        if (authType is not null)
            settings["security"] = new JsonObject { ["auth"] = new JsonObject { ["selectedType"] = authType } };
        return settings;
    }

    private string? SelectedAuthType()
    {
        if (configuration["OPENAI_API_KEY"] is { Length: > 0 }) return "openai";
        if (CliHome.HasLogin(RealQwenDirectory(), LoginFile)) return "qwen-oauth";
        return null;
    }

    private string? RealQwenDirectory()
    {
        if (configuration["QWEN_HOME"] is { Length: > 0 } qwenHome) return qwenHome;
        return configuration["HOME"] is { Length: > 0 } home ? Path.Combine(home, ".qwen") : null;
    }

    /// <summary>
    /// Qwen Code 0.24's web_search is a side call to a DashScope search model, which the CLI derives
    /// only for a DashScope endpoint it knows (resolveAutoBackend in its bundle) or from its own
    /// WEB_SEARCH_* settings; the gateway passes neither, so it stays denied.
    /// </summary>
    public string WebSearch => "none: Qwen Code searches only through a DashScope search model; only the gateway's web_fetch is offered";

    public ICliOutputParser CreateParser() => new QwenOutputParser();
}
