namespace Wrapper.EndToEndTests;

/// <summary>
/// One real CLI in <see cref="WebToolsTests"/>: the model id to ask for and its gateway against its
/// fake model API. What differs between the CLIs is how their APIs offer tools and return a tool's
/// result, so each run tells its fake model what to do and reads the model calls it received.
/// </summary>
internal abstract class WebToolsCli
{
    public static WebToolsCli Named(string name) =>
        new WebToolsCli[] { new ClaudeWebTools(), new GeminiWebTools(), new QwenWebTools(), new CodexWebTools() }.Single(cli => cli.Name == name);

    public abstract string Name { get; }
    public abstract string Model { get; }

    /// <summary>The gateway running this CLI against a fake model API of its own, with <paramref name="settings"/>.</summary>
    public abstract Task<WebToolsRun> StartAsync(IDictionary<string, string?> settings);

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
}
