using Wrapper.Server.Tools;

namespace Wrapper.Server.Core;

/// <summary>A validated chat request, in the shape providers work with.</summary>
internal sealed record CompletionRequest
{
    /// <summary>The model id as the client sent it (echoed in responses).</summary>
    public required string Model { get; init; }

    /// <summary>The model id handed to the CLI: <see cref="Model"/> without the <c>-progress</c> suffix.</summary>
    public string CliModel => ProgressModels.BaseModel(Model);

    /// <summary>True for <c>-progress</c> model ids: the stream shows progress markers while the CLI works.</summary>
    public bool ShowProgress => ProgressModels.IsProgressModel(Model);

    /// <summary>System and developer texts, in order, joined: they become the CLI's system prompt.</summary>
    public required string? SystemPrompt { get; init; }

    /// <summary>The conversation without system and developer messages, in order.</summary>
    public required IReadOnlyList<ConversationMessage> Messages { get; init; }

    public bool Stream { get; init; }
    public bool IncludeUsage { get; init; }

    /// <summary>The output-token limit, or null when unset (clients send -1 or 0 for "no limit").</summary>
    public int? MaxOutputTokens { get; init; }

    public double? Temperature { get; init; }

    /// <summary>The client's tools, as sent.</summary>
    public IReadOnlyList<ToolSpec> Tools { get; init; } = [];

    public ToolChoice ToolChoice { get; init; } = ToolChoice.Auto;

    /// <summary>False when the client takes one call per turn (Cline sends <c>parallel_tool_calls: false</c>).</summary>
    public bool ParallelToolCalls { get; init; } = true;

    /// <summary>The images of the messages after the last assistant message, checked and ready for the CLI.</summary>
    public IReadOnlyList<Images.PreparedImage> Images { get; init; } = [];

    /// <summary>Who sent it (the key's name and the client's address group, Security/ClientAddress.Identity): warm processes never cross clients.</summary>
    public string ClientIdentity { get; init; } = "";

    /// <summary>True when the client (without <c>tools</c>) expects tool uses as XML tags in the text.</summary>
    public bool ExpectsXmlTools { get; init; }

    /// <summary>The tools the model is given: none for <c>tool_choice: none</c>, only the named one for a named choice.</summary>
    public IReadOnlyList<ToolSpec> OfferedTools => ToolChoice.Mode switch
    {
        ToolChoiceMode.None => [],
        ToolChoiceMode.Function => [.. Tools.Where(t => t.Name == ToolChoice.FunctionName)],
        _ => Tools,
    };
}

internal enum ConversationRole
{
    User,
    Assistant,
    Tool,
}

/// <summary>One turn of the conversation the CLI must see.</summary>
internal sealed record ConversationMessage(ConversationRole Role, string Text)
{
    public IReadOnlyList<HistoryToolCall> ToolCalls { get; init; } = [];
    public string? ToolCallId { get; init; }
    public string? Name { get; init; }

    /// <summary>The message's image parts, in order (see Images/ for how they reach the CLI).</summary>
    public IReadOnlyList<ImageRef> Images { get; init; } = [];

    public int ImageCount => Images.Count;
}

/// <summary>An image part as the client sent it, and where (<c>messages[2].content[1]</c>) for error messages.</summary>
internal sealed record ImageRef(string Url, string Param);
