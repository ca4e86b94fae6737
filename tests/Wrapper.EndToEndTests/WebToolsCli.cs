using System.Text.Json.Nodes;
using Wrapper.EndToEndTests.Fakes;

namespace Wrapper.EndToEndTests;

/// <summary>
/// One real CLI in <see cref="WebToolsTests"/>: the model id to ask for, and its gateway against its
/// fake model API. What differs between the CLIs is how their APIs offer tools and return a tool's
/// result, so each CLI's <see cref="WebToolsRun"/> tells its fake model what to do and reads the calls it received.
/// </summary>
internal sealed record WebToolsCli(string Name, string Model, Func<IDictionary<string, string?>, Task<WebToolsRun>> StartAsync)
{
    private static readonly WebToolsCli[] All =
    [
        new("claude", "claude-sonnet-4-5", async settings => new ClaudeWebTools(await ClaudeGateway.StartAsync(settings))),
        new("gemini", "gemini-2.5-flash", async settings => new GeminiWebTools(await GeminiGateway.StartAsync(settings))),
        new("qwen", "qwen-2.5-flash", async settings => new QwenWebTools(await QwenGateway.StartAsync(settings))),
        new("codex", "gpt-5.1-codex", async settings => new CodexWebTools(await CodexGateway.StartAsync(settings))),
    ];

    public static WebToolsCli Named(string name) => All.Single(cli => cli.Name == name);

    public override string ToString() => Name;
}

/// <summary>One test's gateway and fake model API, seen through what every web tools test asks of them.</summary>
internal abstract class WebToolsRun(TestGateway gateway, IAsyncDisposable owner) : IAsyncDisposable
{
    public HttpClient Client => gateway.Client;

    /// <summary>Scripts the fake model: its first answer calls the gateway's web_fetch for <paramref name="url"/>, its next one is <paramref name="answer"/>.</summary>
    public abstract void FetchThenAnswer(Uri url, string answer);

    /// <summary>Asserts what the model was offered in chat with WEB_TOOLS on (and, where the API shows it, that the turn went on after the fetch).</summary>
    public abstract void CheckChatTools();

    /// <summary>Asserts that the model was offered the agent's own tool and no web tool.</summary>
    public abstract void CheckAgentTools();

    /// <summary>The last tool result the model received, as text; and its error flag where the API has one.</summary>
    public abstract (string Text, bool? IsError) LastToolResult();

    /// <summary>The prompt tokens the CLI reports for a turn (the sum over its model calls), where the fake's count is known; else null.</summary>
    public virtual int? TurnPromptTokens() => null;

    public ValueTask DisposeAsync() => owner.DisposeAsync();

    /// <summary>The POSTs to the route that ends in <paramref name="route"/> (the model calls of an API with several routes).</summary>
    protected static List<RecordedRequest> PostsTo(IEnumerable<RecordedRequest> requests, string route) =>
        [.. requests.Where(r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith(route, StringComparison.Ordinal))];

    /// <summary>A tool result's text as the OpenAI APIs carry it: a string, or parts with text; null for anything else.</summary>
    protected static string? TextOf(JsonNode? content) => content switch
    {
        JsonValue text => text.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => null,
    };
}
