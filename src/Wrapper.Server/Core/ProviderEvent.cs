using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Core;

/// <summary>What a CLI said, in provider-neutral terms; the streaming pipeline maps these to chunks.</summary>
internal abstract record ProviderEvent;

/// <summary>A piece of answer text, forwarded as soon as the CLI produced it.</summary>
internal sealed record TextDelta(string Text) : ProviderEvent;

/// <summary>A piece of the model's visible reasoning (thinking blocks).</summary>
internal sealed record ReasoningDelta(string Text) : ProviderEvent;

/// <summary>
/// A whole tool call, sent once the CLI has finished it, with its arguments as the CLI wrote them.
/// The gateway checks the arguments and maps the name back before anything reaches the client.
/// </summary>
internal sealed record ToolCallReady(int Index, string Id, string Name, string Arguments) : ProviderEvent;

/// <summary>
/// The model that is answering, as the upstream API named it (an alias such as Claude Code's
/// <c>opus</c> resolves to a dated id there). Nothing to show by itself: answers carry it as their model.
/// </summary>
internal sealed record ModelReported(string Model) : ProviderEvent
{
    /// <summary>A reported id without the CLI's display suffix (<c>claude-opus-4-8[1m]</c>); null when it names no model.</summary>
    public static ModelReported? From(string? reported)
    {
        var model = reported?.Split('[')[0].Trim();
        return string.IsNullOrEmpty(model) || model == "<synthetic>" ? null : new ModelReported(model);
    }
}

/// <summary>Token counts as the CLI reported them.</summary>
internal sealed record UsageReported(TokenUsage Usage) : ProviderEvent;

/// <summary>The turn ended normally; no further events follow.</summary>
internal sealed record TurnCompleted(FinishReason Reason) : ProviderEvent;

/// <summary>The turn failed; no further events follow.</summary>
internal sealed record TurnFailed(GatewayError Error) : ProviderEvent;

internal enum FinishReason
{
    Stop,
    Length,
    ToolCalls,
}

/// <summary>Input tokens are split as the Anthropic API reports them: uncached, read from cache, written to cache.</summary>
internal sealed record TokenUsage(int InputTokens, int OutputTokens, int CacheReadTokens = 0, int CacheCreationTokens = 0, int ReasoningTokens = 0)
{
    public int PromptTokens => InputTokens + CacheReadTokens + CacheCreationTokens;
}
