namespace Wrapper.Server.Diagnostics;

/// <summary>Keys of <c>HttpContext.Items</c> that the request log line reads.</summary>
internal static class RequestLogItems
{
    public const string Provider = "wrapper.provider";
    public const string Model = "wrapper.model";
    /// <summary>The model id handed to the CLI: after MODEL_MAP, without <c>-progress</c>.</summary>
    public const string CliModel = "wrapper.cli_model";
    /// <summary>The API dialect that served the request (<c>openai-chat</c>, ...).</summary>
    public const string Dialect = "wrapper.dialect";
    /// <summary>Total tokens of the answer, where the usage is known.</summary>
    public const string Tokens = "wrapper.tokens";
    /// <summary>How the request's CLI started: cold, pre-started or reused (see CompletionRun.StartedAs).</summary>
    public const string Warm = "wrapper.warm";
    /// <summary>The in-turn web tools offered and used (see CompletionRun.WebTools).</summary>
    public const string WebTools = "wrapper.web_tools";
    /// <summary>How the conversation's earlier turns reached the CLI: continued or fresh (see CompletionRun.History).</summary>
    public const string History = "wrapper.history";
    /// <summary>Milliseconds the request waited for a CLI slot (MAX_CONCURRENT_REQUESTS).</summary>
    public const string Queued = "wrapper.queued";
}
