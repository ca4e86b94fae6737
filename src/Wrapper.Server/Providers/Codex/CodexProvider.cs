using System.Globalization;
using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Configuration;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Images;
using Wrapper.Server.Processes;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Providers.Codex;

/// <summary>
/// Codex (<c>codex exec --json</c>) as a chat model: flags and <c>-c</c> overrides from docs/cli/REPORT.md
/// §2-3 and §9. Each request gets its own <c>CODEX_HOME</c> in the sandbox. With OPENAI_API_KEY the
/// CLI talks to OPENAI_BASE_URL (or api.openai.com) through a provider of its own, "wrapper"; without
/// it, the ChatGPT login in ~/.codex/auth.json is linked in. With neither, Codex would wait for the
/// network forever, so the request ends at once with a 401. The client's tools: CodexTools.
/// </summary>
internal sealed class CodexProvider(
    IOptions<CodexOptions> options,
    IOptions<ExecutionOptions> execution,
    McpToolSessions toolSessions,
    GatewayAddress gatewayAddress,
    IConfiguration configuration)
    : CliProvider<CodexOptions>(options, "Codex", "npm install -g @openai/codex@0.171.0"), ICliAuthReporter, IStdinPrompt, IResumableProvider
{
    public const string ProviderName = "codex";

    private const string DefaultBaseUrl = "https://api.openai.com/v1";

    /// <summary>The key is read by the CLI from the variable its provider names; OPENAI_BASE_URL goes in as configuration.</summary>
    internal static readonly IReadOnlyList<string> AllowedEnvironment = ["OPENAI_API_KEY"];

    internal const string LoginFile = "auth.json";

    private static readonly string[] DisabledTools =
    [
        "shell_tool", "unified_exec", "shell_snapshot", "daemon_auto_start", "browser_use", "in_app_browser", "computer_use",
        "image_generation", "view_image", "sleep_tool", "tool_suggest", "skill_search", "goals", "multi_agent",
    ];

    public override string Name => ProviderName;

    public override CliInvocation BuildInvocation(CompletionRequest request, Sandbox sandbox) => Build(request, sandbox, resumed: null);

    public bool HasHistory(CompletionRequest request) => ResumedConversation.HasHistory(request);

    /// <summary>
    /// The earlier turns as a rollout in the request's CODEX_HOME and <c>exec resume &lt;id&gt;</c>: Codex
    /// sends them to the model as its own input items, the latest user text (or the note after tool
    /// results) as the new user message. <c>--ephemeral</c> stays: Codex reads the rollout and writes none.
    /// </summary>
    public CliInvocation BuildResumedInvocation(CompletionRequest request, Sandbox sandbox) =>
        Build(request, sandbox, ResumedConversation.Of(request.Messages));

    private CliInvocation Build(CompletionRequest request, Sandbox sandbox, ResumedConversation? resumed)
    {
        var auth = AuthSource();
        if (auth == "none") throw new GatewayException(CodexErrorClassifier.NoCredentials());

        var systemPrompt = SystemPrompt.For(request);
        var codexHome = CliHome.Directory(sandbox.HomeDirectory, ".codex");
        var retries = execution.Value.UpstreamMaxRetries.ToString(CultureInfo.InvariantCulture);
        List<string> arguments =
        [
            // `exec resume` takes the options after it (before them, its own defaults win for the features).
            .. resumed is null ? (string[])["exec"] : ["exec", "resume"],
            "--json",
            "--skip-git-repo-check",     // the sandbox is not a git repository
            "--ephemeral",               // no rollout file written (a resumed one is only read)
            "-c", "sandbox_mode=\"read-only\"", // whatever the model runs cannot write (`-s`, which resume lacks)
            "-m", CliModel(request),
            "-c", $"model_instructions_file={Toml(sandbox.WriteFile("system-prompt.md", systemPrompt))}",
            // Quiet: no analytics, update check, plugin sync or apps (REPORT §2 "quiet").
            "-c", "analytics.enabled=false", "-c", "check_for_update_on_startup=false",
            "--disable", "plugins", "--disable", "remote_plugin", "--disable", "apps",
            // Its skills catalog (about 3 KB in every model call) is for an agent with a shell, not a chat model.
            "-c", "skills.include_instructions=false",
            // Without this Codex waits for the network forever when the server is unreachable.
            "--disable", "unbounded_connection_retries",
        ];
        // The CLI's own tools off as far as 0.169's feature flags reach (`codex features list`): a chat model.
        foreach (var feature in DisabledTools) arguments.AddRange(["--disable", feature]);
        // Its search is the Responses API's hosted web_search tool, run at OpenAI ("live"; 0.169 also
        // knows "indexed" and "cached"): on where WEB_TOOLS allows, the one tool of its own it keeps.
        arguments.AddRange(["-c", toolSessions.WebOn(request) ? "web_search=\"live\"" : "web_search=\"disabled\""]);
        if (auth == "OPENAI_API_KEY")
        {
            var baseUrl = configuration["OPENAI_BASE_URL"] is { Length: > 0 } url ? url : DefaultBaseUrl;
            arguments.AddRange([
                "-c", "model_provider=\"wrapper\"",
                "-c", "model_providers.wrapper.name=\"wrapper\"",
                "-c", $"model_providers.wrapper.base_url={Toml(baseUrl)}",
                "-c", "model_providers.wrapper.env_key=\"OPENAI_API_KEY\"",
                "-c", "model_providers.wrapper.wire_api=\"responses\"",
                // Bounded retries: the default (5 each) takes about 25 s before an error surfaces.
                "-c", $"model_providers.wrapper.request_max_retries={retries}",
                "-c", $"model_providers.wrapper.stream_max_retries={retries}",
            ]);
        }
        else
        {
            CliHome.LinkLogin(RealCodexDirectory(), codexHome, LoginFile);
        }
        // Images as files in the working directory; the CLI labels them [Image #K] in attachment order.
        var images = ImageFiles.Write(request.Images, sandbox);
        arguments.AddRange(images.Select(name => $"--image={name}"));
        var tools = CodexTools.Offer(request, toolSessions, gatewayAddress, codexHome);
        string prompt;
        if (resumed is null)
        {
            prompt = TranscriptBuilder.Build(request.Messages, attachesImages: true, [.. images.Select(name => $"({name})")]);
        }
        else
        {
            var session = ResumedConversation.SessionId(Name, request);
            CodexRollout.Write(codexHome, session, sandbox.WorkDirectory, CliModel(request), resumed.EarlierWithNotes(), CodexTools.CallNames(tools.ToolNames), DateTimeOffset.UtcNow);
            arguments.Add(session.ToString());
            prompt = LatestPrompt(resumed, images);
        }
        arguments.Add("-"); // the prompt comes on stdin, which is then closed

        var overrides = new Dictionary<string, string>
        {
            ["CODEX_HOME"] = codexHome,
            ["TMPDIR"] = sandbox.TempDirectory,
        };
        if (tools.ToolNames.Count > 0) overrides["RUST_LOG"] = CodexTools.LogFilter;
        return new CliInvocation(arguments, prompt)
        {
            AllowedEnvironment = AllowedEnvironment,
            EnvironmentOverrides = overrides,
            ToolNames = tools.ToolNames,
            InTurnTools = tools.InTurnTools,
            Resources = tools.Resources,
            ToolSession = tools.Session,
        };
    }

    /// <summary>The new user message of a resumed turn: the latest user texts, their images labelled (they go as <c>--image</c>).</summary>
    private static string LatestPrompt(ResumedConversation resumed, IReadOnlyList<string> images)
    {
        var text = TranscriptBuilder.Latest(resumed.Latest, [.. images.Select(name => $"({name})")]);
        return text.Length > 0 ? text : ResumedConversation.ContinueNote;
    }

    /// <summary>
    /// The prompt of a request without images (only those start warm): the transcript alone, as
    /// <see cref="BuildInvocation"/> writes it; everything else of the request is in argv and files.
    /// </summary>
    public string StandardInputFor(CompletionRequest request) => TranscriptBuilder.Build(request.Messages, attachesImages: true);

    public string AuthSource()
    {
        if (configuration["OPENAI_API_KEY"] is { Length: > 0 }) return "OPENAI_API_KEY";
        return CliHome.HasLogin(RealCodexDirectory(), LoginFile) ? "oauth login in ~/.codex" : "none";
    }

    private string? RealCodexDirectory() => CliHome.RealDirectory(configuration, "CODEX_HOME", ".codex");

    /// <summary>A TOML basic string for a <c>-c key=value</c> override.</summary>
    internal static string Toml(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// With the API key, Codex uses the "wrapper" provider over HTTP and logs the model's answer
    /// (CodexTools.LogFilter); the built-in provider of the ChatGPT login streams over a WebSocket.
    /// </summary>
    public string WebSearch => "web_search: the Responses API's hosted search tool, run at OpenAI";

    public override ICliOutputParser CreateParser() => new CodexOutputParser(answerIsLogged: AuthSource() == "OPENAI_API_KEY");
}
