using System.Text.Json;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// One real CLI as the gateway's provider while another real CLI is the gateway's client: a scripted
/// model behind it that answers in text or calls one of the CLIENT's tools (which the gateway offers the
/// provider CLI over its MCP server, under the prefix that CLI gives MCP tools), and what reached it.
/// The client asks for Claude model names; MODEL_MAP sends them to the provider's model. The gateway runs
/// with the shipped defaults a user starts it with (a gateway key the client sends, rate and concurrency
/// limits, the warm pool, web tools in chat), not the test gateway's open ones.
/// </summary>
internal abstract class ProviderBehindClient : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Names = ["claude", "gemini", "qwen", "codex"];

    /// <summary>The gateway's API_KEY: the client sends it as its provider key.</summary>
    public const string ApiKey = "sk-e2e-gateway-key-the-client-sends";

    public abstract TestGateway Gateway { get; }

    /// <summary>The model the provider CLI should ask its API for: the client's own, or what MODEL_MAP made of it.</summary>
    public abstract string Model { get; }

    /// <summary>The models the provider CLI's calls named (in the body's <c>model</c>, but for Gemini's API).</summary>
    public virtual IEnumerable<string?> ModelsAsked => ModelCallBodies.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("model").GetString());

    /// <summary>What the provider's model answers once no tool is wanted.</summary>
    public abstract string ReplyText { set; }

    /// <summary>The bodies of the model calls the provider CLI made, in order.</summary>
    public abstract IReadOnlyList<string> ModelCallBodies { get; }

    /// <summary>
    /// The model calls the client's <paramref name="tool"/> with <paramref name="arguments"/> until a call
    /// carries <paramref name="resultText"/> (the tool's result, come back through the client), then answers.
    /// </summary>
    public abstract void CallClientTool(string tool, string arguments, string resultText);

    /// <summary>The client's tools among those a model call offered, by the client's own names.</summary>
    public abstract IEnumerable<string> ClientToolsOffered(JsonElement body);

    public static async Task<ProviderBehindClient> StartAsync(string name) => name switch
    {
        "claude" => new Claude(await ClaudeGateway.StartAsync(ShippedDefaults(null))),
        "gemini" => new Gemini(await GeminiGateway.StartAsync(MapClaudeModelsTo("gemini-2.5-flash"))),
        "qwen" => new Qwen(await QwenGateway.StartAsync(MapClaudeModelsTo("qwen-2.5-flash"))),
        "codex" => new Codex(await CodexGateway.StartAsync(MapClaudeModelsTo("gpt-5.1-codex"))),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such provider"),
    };

    public abstract ValueTask DisposeAsync();

    private static Dictionary<string, string?> MapClaudeModelsTo(string model) => ShippedDefaults($"claude-*={model}");

    /// <summary>The settings' defaults as shipped (.env.example), where the test gateway opens them up.</summary>
    private static Dictionary<string, string?> ShippedDefaults(string? modelMap) => new()
    {
        ["API_KEY"] = ApiKey,
        ["RATE_LIMIT_ENABLED"] = "true",
        ["MAX_CONCURRENT_REQUESTS"] = "0",
        ["MAX_CONCURRENT_PER_IP"] = "0",
        ["WARM_POOL_ENABLED"] = "true",
        ["WEB_TOOLS"] = "chat",
        ["MODEL_MAP"] = modelMap,
    };

    private static IEnumerable<string> Unprefixed(IEnumerable<string?> names, string prefix) =>
        names.OfType<string>().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Select(n => n[prefix.Length..]);

    private static IEnumerable<JsonElement> Tools(JsonElement body) =>
        body.TryGetProperty("tools", out var tools) ? tools.EnumerateArray() : [];

    /// <summary>The real Claude Code against the fake Anthropic API; MCP tools are <c>mcp__w__name</c>.</summary>
    private sealed class Claude(UpstreamGateway<FakeAnthropicServer> e2e) : ProviderBehindClient
    {
        public override TestGateway Gateway => e2e.Gateway;
        public override string Model => "claude-sonnet-4-5";
        public override string ReplyText { set => e2e.Upstream.ReplyText = value; }
        public override IReadOnlyList<string> ModelCallBodies => [.. e2e.Upstream.Requests.Where(r => r.IsModelCall).Select(r => r.Body)];

        public override void CallClientTool(string tool, string arguments, string resultText)
        {
            e2e.Upstream.ToolUse = ("mcp__w__" + tool, arguments);
            e2e.Upstream.ToolResultText = resultText;
        }

        public override IEnumerable<string> ClientToolsOffered(JsonElement body) =>
            Unprefixed(Tools(body).Select(t => t.GetProperty("name").GetString()), "mcp__w__");

        public override ValueTask DisposeAsync() => e2e.DisposeAsync();
    }

    /// <summary>A fake on the shared base: every POST it receives is a model call.</summary>
    private abstract class OnFakeModelServer<TUpstream>(UpstreamGateway<TUpstream> e2e) : ProviderBehindClient
        where TUpstream : FakeModelServer
    {
        protected TUpstream Upstream => e2e.Upstream;
        public override TestGateway Gateway => e2e.Gateway;
        public override string ReplyText { set => e2e.Upstream.ReplyText = value; }
        public override IReadOnlyList<string> ModelCallBodies => [.. e2e.Upstream.Requests.Where(r => r.Method == "POST").Select(r => r.Body)];
        public override ValueTask DisposeAsync() => e2e.DisposeAsync();
    }

    /// <summary>The real Gemini CLI against the fake Gemini API; MCP tools are <c>mcp_w_name</c> function declarations.</summary>
    private sealed class Gemini(UpstreamGateway<FakeGeminiServer> e2e) : OnFakeModelServer<FakeGeminiServer>(e2e)
    {
        public override string Model => "gemini-2.5-flash";

        // The model is in the path: /v1beta/models/{model}:streamGenerateContent.
        public override IEnumerable<string?> ModelsAsked =>
            Upstream.Requests.Where(r => r.Method == "POST").Select(r => r.Path.Split('/').Last().Split(':')[0]);

        public override void CallClientTool(string tool, string arguments, string resultText)
        {
            Upstream.FunctionCalls = [new("mcp_w_" + tool, arguments)];
            Upstream.ToolResultText = resultText;
        }

        public override IEnumerable<string> ClientToolsOffered(JsonElement body) => Unprefixed(
            Tools(body).Where(t => t.TryGetProperty("functionDeclarations", out _))
                .SelectMany(t => t.GetProperty("functionDeclarations").EnumerateArray()).Select(d => d.GetProperty("name").GetString()), "mcp_w_");
    }

    /// <summary>The real Qwen Code against the fake Chat Completions API; MCP tools are <c>mcp__w__name</c> functions.</summary>
    private sealed class Qwen(UpstreamGateway<FakeOpenAiServer> e2e) : OnFakeModelServer<FakeOpenAiServer>(e2e)
    {
        public override string Model => "qwen-2.5-flash";
        public override void CallClientTool(string tool, string arguments, string resultText)
        {
            Upstream.ChatToolCalls = [new("mcp__w__" + tool, arguments)];
            Upstream.ToolResultText = resultText;
        }

        public override IEnumerable<string> ClientToolsOffered(JsonElement body) =>
            Unprefixed(Tools(body).Select(t => t.GetProperty("function").GetProperty("name").GetString()), "mcp__w__");
    }

    /// <summary>The real Codex against the fake Responses API; MCP tools are the namespace <c>mcp__w</c>.</summary>
    private sealed class Codex(UpstreamGateway<FakeOpenAiServer> e2e) : OnFakeModelServer<FakeOpenAiServer>(e2e)
    {
        public override string Model => "gpt-5.1-codex";
        public override void CallClientTool(string tool, string arguments, string resultText)
        {
            Upstream.FunctionCalls = [("mcp__w", tool, arguments)];
            Upstream.ToolResultText = resultText;
        }

        public override IEnumerable<string> ClientToolsOffered(JsonElement body) =>
            Tools(body).Where(t => t.GetProperty("type").GetString() == "namespace" && t.GetProperty("name").GetString() == "mcp__w")
                .SelectMany(t => t.GetProperty("tools").EnumerateArray()).Select(t => t.GetProperty("name").GetString()!);
    }
}
