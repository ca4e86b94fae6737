using System.Globalization;
using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Configuration;
using Wrapper.Server.Processes;
using Wrapper.Server.Tools;
using Wrapper.Server.Tools.Web;
using System.Text.Json.Nodes;

namespace Wrapper.Server.Providers.Claude;

/// <summary>
/// Claude Code (<c>claude</c>) in print mode as a plain chat model: flags and environment from
/// docs/cli/REPORT.md §2-3 and §9.
/// </summary>
internal sealed partial class ClaudeProvider(
    IOptions<ClaudeOptions> options,
    IOptions<ExecutionOptions> execution,
    McpToolSessions toolSessions,
    GatewayAddress gatewayAddress,
    IConfiguration configuration)
    : CliProvider<ClaudeOptions>(options, "Claude Code", "npm install -g @anthropic-ai/claude-code@2.1.332"), ICliSessionStore, IWarmStartProvider, IContinuableProvider
{
    public const string ProviderName = "claude";

    /// <summary>Auth and routing variables Claude Code reads; nothing else of the gateway's environment passes.</summary>
    internal static readonly IReadOnlyList<string> AllowedEnvironment =
    [
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_BASE_URL", "CLAUDE_CONFIG_DIR",
        "CLAUDE_CODE_USE_BEDROCK", "ANTHROPIC_BEDROCK_BASE_URL",
        "CLAUDE_CODE_USE_VERTEX", "ANTHROPIC_VERTEX_PROJECT_ID", "ANTHROPIC_VERTEX_BASE_URL", "CLOUD_ML_REGION",
        "GOOGLE_APPLICATION_CREDENTIALS",
    ];

    /// <summary>
    /// AWS credentials pass only when Bedrock is on: otherwise Claude Code has no use for them, and the
    /// gateway's own cloud credentials must not reach a process that runs a model's answers.
    /// </summary>
    internal static readonly IReadOnlyList<string> BedrockEnvironment =
    [
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_BEARER_TOKEN_BEDROCK",
    ];

    // Claude Code names MCP tools mcp__<server>__<tool>; Anthropic allows 64 characters in all.
    private const string McpToolPrefix = "mcp__" + McpToolOffer.ServerName + "__";

    public override string Name => ProviderName;

    /// <summary>
    /// Claude Code's search tool: the CLI runs it as a separate model call with Anthropic's server-side
    /// <c>web_search_20250305</c> tool, so the search happens at Anthropic, never from this host. Its
    /// WebFetch stays off: it would fetch from this host unchecked (the gateway's web_fetch replaces it).
    /// </summary>
    internal const string WebSearchTool = "WebSearch";

    public override CliInvocation BuildInvocation(CompletionRequest request, Sandbox sandbox)
    {
        var invocation = Build(request, sandbox, persistent: false);
        if (request.Images.Count == 0) return invocation with { StandardInput = TranscriptBuilder.Build(request.Messages, attachesImages: true) };
        // Images travel as image blocks of a stream-json user message (stdin, closed after it).
        return invocation with { Arguments = [.. invocation.Arguments, "--input-format", "stream-json"], StandardInput = TurnInput(request) };
    }

    /// <summary>
    /// A process that waits for stream-json user messages (docs/cli/REPORT.md §6): it starts up, then
    /// answers each message in 5-80 ms. Slash commands stay on for the <c>/clear</c> between
    /// requests; a client's text never starts with "/" (TranscriptBuilder frames it).
    /// </summary>
    public CliInvocation BuildWarmInvocation(CompletionRequest request, Sandbox sandbox)
    {
        var invocation = Build(request, sandbox, persistent: true);
        return invocation with { Arguments = [.. invocation.Arguments, "--input-format", "stream-json"] };
    }

    public bool ReusesProcesses => true;

    public bool CanStartWarm(CompletionRequest request) => true;

    public string TurnInput(CompletionRequest request) =>
        ClaudeStreamInput.UserMessage(TranscriptBuilder.Build(request.Messages, attachesImages: true), request.Images);

    public string ResetInput { get; } = ClaudeStreamInput.UserMessage("/clear", []);

    /// <summary><c>/clear</c> answers with an empty successful result and starts a new session (measured).</summary>
    public bool? ReadResetLine(string line) => ClaudeOutputParser.ReadReset(line);

    private CliInvocation Build(CompletionRequest request, Sandbox sandbox, bool persistent)
    {
        var systemPrompt = SystemPrompt.For(request);
        var systemPromptFile = sandbox.WriteFile("system-prompt.md", systemPrompt);
        var web = toolSessions.WebOn(request);
        List<string> arguments =
        [
            "-p",
            "--output-format", "stream-json", "--verbose", // stream-json requires --verbose in print mode
            "--include-partial-messages",                  // token deltas, not whole messages
            "--model", CliModel(request),
            "--no-session-persistence",                    // no transcript under ~/.claude/projects
            "--system-prompt-file", systemPromptFile,      // replaces the agent prompt; never in argv
            "--tools", web ? WebSearchTool : "",           // every built-in tool off (but the hosted search when WEB_TOOLS allows): plain chat
            "--strict-mcp-config",                         // none of the user's MCP servers
            "--setting-sources", "",                       // no user, project or local settings: no hooks, plugins, CLAUDE.md
        ];
        if (!persistent) arguments.Add("--disable-slash-commands");
        var tools = OfferTools(request, sandbox, arguments, web);
        var (configDirectory, loginWriteBack) = ClaudeConfigHome.Create(sandbox.HomeDirectory, ClaudeConfigHome.RealDirectory(configuration));
        var overrides = new Dictionary<string, string>
        {
            ["TMPDIR"] = sandbox.TempDirectory,
            // Nothing of the operator's ~/.claude is read or written (ClaudeConfigHome), and the per-run
            // MCP logs (claude-cli-nodejs/<cwd>/mcp-logs-*) go with the sandbox instead of piling up in ~/.cache.
            ["CLAUDE_CONFIG_DIR"] = configDirectory,
            ["XDG_CACHE_HOME"] = sandbox.TempDirectory,
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
            // No token-countdown reminders: each process would count from its own start, so a resumed
            // turn could not repeat the continued one's bytes (docs/cli/REPORT.md §11).
            ["CLAUDE_CODE_DISABLE_ATTACHMENTS"] = "1",
            ["DISABLE_AUTOUPDATER"] = "1",
            ["DISABLE_TELEMETRY"] = "1",
            ["DISABLE_ERROR_REPORTING"] = "1",
            // The default is 10 retries with back-off: about three minutes before an error surfaces.
            ["CLAUDE_CODE_MAX_RETRIES"] = execution.Value.UpstreamMaxRetries.ToString(CultureInfo.InvariantCulture),
            // A tools/call may wait for the client's next request (Continuation/, HELD_TURN_IDLE_TIMEOUT,
            // at most an hour): Claude Code must not give up on it first and go on without the result.
            ["MCP_TOOL_TIMEOUT"] = "3900000",
        };
        if (request.MaxOutputTokens is { } maxTokens)
            overrides["CLAUDE_CODE_MAX_OUTPUT_TOKENS"] = maxTokens.ToString(CultureInfo.InvariantCulture);

        return new CliInvocation(arguments, "")
        {
            WorkingDirectory = ClaudeSessionContext.WorkingDirectory(sandbox.Root),
            AllowedEnvironment = UsesBedrock ? [.. AllowedEnvironment, .. BedrockEnvironment] : AllowedEnvironment,
            EnvironmentOverrides = overrides,
            ToolNames = tools.ToolNames,
            InTurnTools = tools.InTurnTools,
            Resources = loginWriteBack is null ? tools.Resources : [.. tools.Resources, loginWriteBack],
            ToolSession = tools.Session,
        };
    }

    /// <summary>
    /// The client's tools reach the model as real tools through an MCP server the gateway itself
    /// serves (docs/cli/NATIVE-TOOLS.md); the parser ends the turn at the first tool use, so the CLI
    /// never runs one.
    /// </summary>
    private (IReadOnlyDictionary<string, string> ToolNames, IReadOnlyDictionary<string, string> InTurnTools, IReadOnlyList<IDisposable> Resources, McpToolSession? Session) OfferTools(
        CompletionRequest request, Sandbox sandbox, List<string> arguments, bool web)
    {
        if (McpToolOffer.Open(request, toolSessions, gatewayAddress, McpToolPrefix, 64) is not { } offer)
            return (new Dictionary<string, string>(), new Dictionary<string, string>(), [], null);
        var config = new JsonObject
        {
            ["mcpServers"] = new JsonObject
            {
                [McpToolOffer.ServerName] = new JsonObject { ["type"] = "http", ["url"] = offer.Url.ToString() },
            },
        };
        // Print mode denies a tool that is not allowed: the gateway's and the client's MCP tools, and the hosted search.
        arguments.AddRange(["--mcp-config", sandbox.WriteFile("mcp.json", config.ToJsonString()),
            "--allowedTools", web ? $"{McpToolPrefix}*,{WebSearchTool}" : McpToolPrefix + "*"]);
        var inTurnTools = offer.InTurnTools();
        if (web) inTurnTools[WebSearchTool] = GatewayTools.WebSearch;
        return (offer.ToolNames, inTurnTools, [offer.Session], offer.ClientToolSession);
    }

    /// <summary>Claude Code's own test for a switch variable: 1, true, yes or on, in any case.</summary>
    private bool UsesBedrock =>
        configuration["CLAUDE_CODE_USE_BEDROCK"]?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";

    /// <summary>Claude Code keeps per-directory files in <c>$CLAUDE_CONFIG_DIR/projects</c> or <c>~/.claude/projects</c>.</summary>
    public IEnumerable<string> SessionRoots()
    {
        if (configuration["CLAUDE_CONFIG_DIR"] is { Length: > 0 } configDirectory) yield return Path.Combine(configDirectory, "projects");
        if (configuration["HOME"] is { Length: > 0 } home) yield return Path.Combine(home, ".claude", "projects");
    }

    /// <summary>The absolute working directory with every character outside [A-Za-z0-9] as '-' (docs/cli/REPORT.md §7).</summary>
    public string EntryName(string workingDirectory) =>
        string.Concat(workingDirectory.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    public string WebSearch => $"{WebSearchTool}: Anthropic's server-side web search, run by Claude Code as a model call";

    public override ICliOutputParser CreateParser() => new ClaudeOutputParser();

    public ICliOutputParser CreateContinuationParser() => new ClaudeOutputParser(continues: true);
}
