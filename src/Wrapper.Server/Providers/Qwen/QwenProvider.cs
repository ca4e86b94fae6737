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
/// its own <c>QWEN_HOME</c> in the sandbox (<see cref="GeminiFamilyHome"/>), because the CLI rewrites its settings file.
/// </summary>
internal sealed partial class QwenProvider(
    IOptions<QwenOptions> options,
    IOptions<ExecutionOptions> execution,
    IConfiguration configuration,
    McpToolSessions toolSessions,
    GatewayAddress gatewayAddress)
    : CliProvider<QwenOptions>(options, "Qwen Code", "npm install -g @qwen-code/qwen-code@0.24.4"), ICliAuthReporter
{
    public const string ProviderName = "qwen";

    /// <summary>Auth and routing variables Qwen Code reads; nothing else of the gateway's environment passes.</summary>
    internal static readonly IReadOnlyList<string> AllowedEnvironment =
        ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL"];

    /// <summary>The file of a `qwen` OAuth login in ~/.qwen, linked into the request's home.</summary>
    internal const string LoginFile = "oauth_creds.json";

    // Qwen Code (0.15.10 and 0.24.4) names MCP tools mcp__<server>__<tool>.
    internal const string McpToolPrefix = "mcp__" + McpToolOffer.ServerName + "__";

    public override string Name => ProviderName;

    /// <summary>The prefix alias (<c>qwen-default</c>) means OPENAI_MODEL when it is set (Qwen Code reads it too), else QWEN_MODEL.</summary>
    public override string CliModel(CompletionRequest request) =>
        Options.IsDefaultAlias(request.CliModel) && configuration["OPENAI_MODEL"] is { Length: > 0 } openAiModel ? openAiModel : base.CliModel(request);

    public override CliInvocation BuildInvocation(CompletionRequest request, Sandbox sandbox) => Build(request, sandbox, resumed: null);

    private CliInvocation Build(CompletionRequest request, Sandbox sandbox, ResumedConversation? resumed)
    {
        var systemPrompt = SystemPrompt.For(request);
        var login = Login();
        var home = GeminiFamilyHome.Open(sandbox, ".qwen", login, SelectedAuthType(login));
        AddSettings(home.Settings);
        // The CLI replaces images with a note for models it does not know as multimodal; the client sent them, so they go.
        if (request.Messages.Any(m => m.ImageCount > 0)) home.Settings["model"]!["generationConfig"]!["modalities"] = new JsonObject { ["image"] = true };
        // Qwen defers MCP tools behind its tool_search tool, but reveals them all at once when tool_search is off, as it
        // is here (QwenBuiltInTools). The parser ends the turn at the model's tool calls (QwenOutputParser).
        var tools = home.OfferTools(request, toolSessions, gatewayAddress, McpToolPrefix);
        home.Write();
        var model = CliModel(request);
        var workDirectory = WorkDirectory(request, sandbox);
        List<string> arguments =
        [
            "-o", "stream-json",            // no positional prompt: it comes on stdin
            "--include-partial-messages",   // token deltas, like Claude Code's
            "-m", model,
            // A fresh run keeps no session transcript; a resumed one needs the recording on to read its session.
            resumed is null ? "--chat-recording=false" : "--chat-recording",
            "--approval-mode", "default",   // nothing runs unasked
        ];
        var prompt = resumed is null ? AtPathImages.Prompt(request, sandbox) : Resume(request, sandbox, resumed, home.Directory, workDirectory, tools, arguments);
        var overrides = new Dictionary<string, string>
        {
            ["QWEN_HOME"] = home.Directory,
            ["TMPDIR"] = sandbox.TempDirectory,
            ["QWEN_CODE_NO_RELAUNCH"] = "true", // halves start-up time and memory (REPORT §6)
            ["QWEN_SYSTEM_MD"] = sandbox.WriteFile("system-prompt.md", systemPrompt),
            // 0.24 writes its debug log only when asked; QwenRetryWatch reads the failed attempts there.
            ["QWEN_DEBUG_LOG_FILE"] = "1",
        };
        // Auth type "openai" from the environment needs all three variables (REPORT §2).
        if (SelectedAuthType(login) == "openai") overrides["OPENAI_MODEL"] = model;
        return new CliInvocation(arguments, prompt)
        {
            WorkingDirectory = workDirectory,
            AllowedEnvironment = AllowedEnvironment,
            EnvironmentOverrides = overrides,
            FailureWatch = new QwenRetryWatch(Path.Combine(home.Directory, "debug"), TimeProvider.System),
            ToolNames = tools?.ToolNames ?? new Dictionary<string, string>(),
            // Only the gateway's web_fetch: Qwen Code's own web_search stays denied (see WebSearch).
            InTurnTools = tools?.InTurnTools() ?? [],
            Resources = [.. tools?.Resources ?? [], .. LoginWriteBack(home.Directory, login)],
            ToolSession = tools?.ClientToolSession,
        };
    }

    /// <summary>With a Qwen OAuth login, a token the CLI refreshes during the run goes back to the real home.</summary>
    private IEnumerable<IDisposable> LoginWriteBack(string qwenHome, CliLogin login)
    {
        if (SelectedAuthType(login) == login.AuthType) yield return new LoginWriteBack(Path.Combine(qwenHome, LoginFile), login.RealDirectory);
    }

    public string AuthSource() => SelectedAuthType(Login()) switch
    {
        "openai" => "OPENAI_API_KEY",
        "qwen-oauth" => "oauth login in ~/.qwen",
        _ => "none",
    };

    private void AddSettings(JsonObject settings)
    {
        // The SDK's retries; the CLI's own outer loop (7 attempts, no setting) is cut short by QwenRetryWatch.
        settings["model"] = new JsonObject { ["generationConfig"] = new JsonObject { ["maxRetries"] = execution.Value.UpstreamMaxRetries } };
        // Otherwise every prompt costs a second model call (REPORT §2).
        settings["memory"] = new JsonObject { ["enableManagedAutoMemory"] = false };
        // Qwen Code reads QWEN.md and AGENTS.md from every folder above its working directory (a
        // parent of the sandbox root is anyone's to plant one in): it looks for a random name instead.
        settings["context"] = new JsonObject { ["fileName"] = $"wrapper-no-memory-{Guid.NewGuid():N}.md" };
        settings["tools"] = new JsonObject { ["exclude"] = new JsonArray([.. QwenBuiltInTools.Names.Select(t => JsonValue.Create(t))]) };
    }

    private string? SelectedAuthType(CliLogin login)
    {
        if (configuration["OPENAI_API_KEY"] is { Length: > 0 }) return "openai";
        if (login.Exists) return login.AuthType;
        return null;
    }

    private CliLogin Login() => new(CliHome.RealDirectory(configuration, "QWEN_HOME", ".qwen"), "qwen-oauth", LoginFile);

    /// <summary>
    /// Qwen Code 0.24's web_search is a side call to a DashScope search model, which the CLI derives
    /// only for a DashScope endpoint it knows (resolveAutoBackend in its bundle) or from its own
    /// WEB_SEARCH_* settings; the gateway passes neither, so it stays denied.
    /// </summary>
    public string WebSearch => "none: Qwen Code searches only through a DashScope search model; only the gateway's web_fetch is offered";

    public override ICliOutputParser CreateParser() => new QwenOutputParser();
}
