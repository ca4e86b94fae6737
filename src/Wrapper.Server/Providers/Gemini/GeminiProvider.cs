using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Wrapper.Server.Core;
using Wrapper.Server.Configuration;
using Wrapper.Server.Processes;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Providers.Gemini;

/// <summary>
/// Gemini CLI (<c>gemini</c>) headless with <c>-o stream-json</c> as a plain chat model: flags,
/// settings and environment from docs/cli/REPORT.md §2-3, §7 and §9. Each request gets its own
/// <c>GEMINI_CLI_HOME</c> in the sandbox (<see cref="GeminiFamilyHome"/>), because the CLI rewrites its settings file.
/// </summary>
internal sealed partial class GeminiProvider(
    IOptions<GeminiOptions> options,
    IOptions<ExecutionOptions> execution,
    IConfiguration configuration,
    McpToolSessions toolSessions,
    GatewayAddress gatewayAddress)
    : CliProvider<GeminiOptions>(options, "Gemini CLI", "npm install -g @google/gemini-cli@0.61.0"), ICliAuthReporter
{
    public const string ProviderName = "gemini";

    /// <summary>Auth and routing variables Gemini CLI reads; nothing else of the gateway's environment passes.</summary>
    internal static readonly IReadOnlyList<string> AllowedEnvironment =
    [
        "GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GEMINI_BASE_URL", "GOOGLE_CLOUD_PROJECT", "GOOGLE_CLOUD_LOCATION",
        "GOOGLE_GENAI_USE_VERTEXAI", "GOOGLE_GENAI_USE_GCA", "GOOGLE_APPLICATION_CREDENTIALS",
    ];

    /// <summary>The files of a `gemini` OAuth login in ~/.gemini, linked into the request's home.</summary>
    internal static readonly string[] LoginFiles = ["oauth_creds.json", "google_accounts.json"];

    public override string Name => ProviderName;

    public override CliInvocation BuildInvocation(CompletionRequest request, Sandbox sandbox) => Build(request, sandbox, resumed: null);

    private CliInvocation Build(CompletionRequest request, Sandbox sandbox, ResumedConversation? resumed)
    {
        var systemPrompt = SystemPrompt.For(request);
        var home = GeminiFamilyHome.Open(sandbox, ".gemini", Login(), SelectedAuthType());
        // Bounded retries: the default takes about 5 minutes before an upstream error surfaces.
        home.Settings["general"] = new JsonObject { ["maxAttempts"] = execution.Value.UpstreamMaxRetries + 1 };
        // An empty core tool list registers none of the CLI's own tools; the client's come over MCP (GeminiProvider.Tools.cs).
        home.Settings["tools"] = new JsonObject { ["core"] = new JsonArray() };
        // The first user content names the workspace's folders and lists their files: left out, so it stays the same from request to request.
        home.Settings["context"] = new JsonObject { ["includeDirectoryTree"] = false };
        var tools = OfferTools(request, home);
        home.Write();
        List<string> arguments =
        [
            "-p", "",                      // headless; the prompt itself comes on stdin
            "-o", "stream-json",           // deltas as the model writes them
            "-m", CliModel(request),       // a concrete model: no router call (REPORT §2)
            "--skip-trust",                // the sandbox is not a trusted folder: exit 55 without this
            "--approval-mode", "default",  // nothing runs unasked; only the client's tools are registered, and they never run
        ];
        var prompt = resumed is null ? AtPathImages.Prompt(request, sandbox) : Resume(request, sandbox, resumed, tools, arguments);
        var overrides = new Dictionary<string, string>
        {
            // Relative to the working directory: the CLI names its temporary folder (in this home) in the first user
            // content of every request, and a relative path is the same in every sandbox (GeminiProvider.Resume.cs).
            ["GEMINI_CLI_HOME"] = Path.GetRelativePath(sandbox.WorkDirectory, sandbox.HomeDirectory),
            ["TMPDIR"] = sandbox.TempDirectory,
            ["GEMINI_CLI_NO_RELAUNCH"] = "true", // halves start-up time and memory (REPORT §6)
            ["GEMINI_SYSTEM_MD"] = sandbox.WriteFile("system-prompt.md", systemPrompt),
        };
        return new CliInvocation(arguments, prompt)
        {
            AllowedEnvironment = AllowedEnvironment,
            EnvironmentOverrides = overrides,
            ToolNames = tools?.ToolNames ?? new Dictionary<string, string>(),
            InTurnTools = InTurnTools(request, tools),
            Resources = tools?.Resources ?? [],
            ToolSession = tools?.ClientToolSession,
        };
    }

    /// <summary>Which credentials the CLI would use, by name only (for /v1/auth/status); never the value.</summary>
    public string AuthSource() => SelectedAuthType() switch
    {
        "gemini-api-key" => "GEMINI_API_KEY",
        "vertex-ai" => "GOOGLE_GENAI_USE_VERTEXAI",
        "oauth-personal" => "oauth login in ~/.gemini",
        _ => "none",
    };

    // With GEMINI_API_KEY alone, 0.61.0 picks auth type "gateway" and rejects it (exit 41, REPORT §2): the type is always set.
    private string? SelectedAuthType()
    {
        if (configuration["GEMINI_API_KEY"] is { Length: > 0 }) return "gemini-api-key";
        if (string.Equals(configuration["GOOGLE_GENAI_USE_VERTEXAI"], "true", StringComparison.OrdinalIgnoreCase)) return "vertex-ai";
        if (Login().Exists) return "oauth-personal";
        return null;
    }

    /// <summary>The `gemini` login: GEMINI_CLI_HOME (else HOME) holds the .gemini folder.</summary>
    private CliLogin Login()
    {
        var home = configuration["GEMINI_CLI_HOME"] is { Length: > 0 } cliHome ? cliHome : configuration["HOME"];
        return new CliLogin(string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".gemini"), "oauth-personal", LoginFiles);
    }

    public string WebSearch => $"{WebSearchTool}: a Gemini model call with Google Search grounding";

    public override ICliOutputParser CreateParser() => new GeminiOutputParser();
}
