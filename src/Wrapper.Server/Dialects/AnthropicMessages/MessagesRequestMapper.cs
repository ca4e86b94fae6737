using System.Globalization;
using System.Text;
using System.Text.Json;
using Wrapper.Server.Core;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.AnthropicMessages.Contracts;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Dialects.AnthropicMessages;

/// <summary>
/// A Messages body (https://docs.anthropic.com/en/api/messages) as the core's
/// <see cref="CompletionRequest"/>, or a 400 that names the field. A user message's
/// <c>tool_result</c> blocks become tool turns before its text, as Anthropic requires them first;
/// thinking blocks the client sends back are the model's own earlier reasoning and are left out of
/// the transcript (the CLI reasons afresh).
/// </summary>
internal static class MessagesRequestMapper
{
    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    /// <param name="body">The request body.</param>
    /// <param name="countOnly">True for <c>count_tokens</c>, whose body has no <c>max_tokens</c>.</param>
    public static CompletionRequest Map(MessagesRequest body, bool countOnly = false)
    {
        if (string.IsNullOrWhiteSpace(body.Model))
            throw Invalid("model: Field required (a model id such as 'claude-sonnet-4-5'; see GET /v1/models).", "model");
        if (body.Messages is not { Count: > 0 })
            throw Invalid("messages: must be a non-empty array of messages.", "messages");
        if (!countOnly)
        {
            if (body.MaxTokens is not { } maxTokens) throw Invalid("max_tokens: Field required.", "max_tokens");
            if (maxTokens < 1) throw Invalid($"max_tokens: must be at least 1 (got {maxTokens}).", "max_tokens");
        }
        Range(body.Temperature, "temperature", 0, 1);
        Range(body.TopP, "top_p", 0, 1);
        if (body.TopK < 0) throw Invalid($"top_k: must be 0 or more (got {body.TopK}).", "top_k");
        CheckThinking(body.Thinking, body.MaxTokens);
        StopSequences(body);

        var system = new StringBuilder(SystemText(body.System));
        var conversation = new List<ConversationMessage>();
        for (var i = 0; i < body.Messages.Count; i++)
        {
            var message = body.Messages[i] ?? throw Invalid($"messages.{i}: must be an object.", $"messages[{i}]");
            var blocks = message.Content?.Blocks ?? throw Invalid($"messages.{i}.content: Field required.", $"messages[{i}].content");
            switch (message.Role)
            {
                case "user":
                    conversation.AddRange(UserTurns(blocks, i));
                    break;
                case "assistant":
                    conversation.Add(AssistantTurn(blocks, i));
                    break;
                case "system":
                    // Not in Anthropic's schema, but sent by some clients: its text joins the system prompt.
                    if (system.Length > 0) system.Append("\n\n");
                    system.Append(TextOnly(blocks, $"messages[{i}].content"));
                    break;
                case null:
                    throw Invalid($"messages.{i}.role: Field required.", $"messages[{i}].role");
                default:
                    throw Invalid($"messages.{i}.role: '{message.Role}' is not one of user, assistant.", $"messages[{i}].role");
            }
        }
        if (!conversation.Any(m => m.Role is ConversationRole.User or ConversationRole.Tool))
            throw Invalid("messages: must contain at least one user message.", "messages");

        var tools = Tools(body.Tools);
        return new CompletionRequest
        {
            Model = body.Model.Trim(),
            SystemPrompt = system.Length > 0 ? system.ToString() : null,
            Messages = conversation,
            Stream = body.Stream ?? false,
            IncludeUsage = true,
            MaxOutputTokens = body.MaxTokens,
            Temperature = body.Temperature,
            Tools = tools,
            ToolChoice = Choice(body.ToolChoice, tools),
            ParallelToolCalls = body.ToolChoice?.DisableParallelToolUse != true,
        };
    }

    /// <summary>The stop sequences, checked: strings, none empty.</summary>
    public static IReadOnlyList<string> StopSequences(MessagesRequest body)
    {
        var sequences = body.StopSequences ?? [];
        for (var k = 0; k < sequences.Count; k++)
            if (string.IsNullOrEmpty(sequences[k])) throw Invalid($"stop_sequences.{k}: must be a non-empty string.", $"stop_sequences[{k}]");
        return [.. sequences.OfType<string>()];
    }

    private static string SystemText(MessageContent? system)
    {
        if (system is null) return "";
        return TextOnly(system.Blocks, "system");
    }

    private static string TextOnly(IReadOnlyList<ContentBlock> blocks, string param)
    {
        for (var j = 0; j < blocks.Count; j++)
        {
            if (blocks[j].Type != ContentBlock.TextType)
                throw Invalid($"{Dotted(param)}.{j}.type: must be 'text' here (got '{blocks[j].Type}').", $"{param}[{j}].type");
            if (blocks[j].Text is null) throw Invalid($"{Dotted(param)}.{j}.text: Field required.", $"{param}[{j}].text");
        }
        return string.Join('\n', blocks.Select(b => b.Text));
    }

    /// <summary>The tool results first (one tool turn each), then the text and images, as one user turn.</summary>
    private static IEnumerable<ConversationMessage> UserTurns(IReadOnlyList<ContentBlock> blocks, int i)
    {
        var turns = new List<ConversationMessage>();
        var text = new List<string>();
        var images = new List<ImageRef>();
        for (var j = 0; j < blocks.Count; j++)
        {
            var block = blocks[j];
            var param = $"messages[{i}].content[{j}]";
            switch (block.Type)
            {
                case ContentBlock.TextType:
                    text.Add(TextOf(block, param));
                    break;
                case ContentBlock.ImageType:
                    images.Add(Image(block, param));
                    break;
                case ContentBlock.ToolResultType:
                    turns.Add(ToolResult(block, param));
                    break;
                case ContentBlock.ThinkingType or ContentBlock.RedactedThinkingType:
                    break;
                default:
                    throw UnsupportedBlock(block, param);
            }
        }
        if (text.Count > 0 || images.Count > 0 || turns.Count == 0)
            turns.Add(new ConversationMessage(ConversationRole.User, string.Join('\n', text)) { Images = images });
        return turns;
    }

    /// <summary>A text block's text; a text block without one is a 400 naming where it is, as Anthropic words it.</summary>
    private static string TextOf(ContentBlock block, string param) =>
        block.Text ?? throw Invalid($"{Dotted(param)}.text: Field required.", $"{param}.text");

    private static ConversationMessage ToolResult(ContentBlock block, string param)
    {
        if (string.IsNullOrEmpty(block.ToolUseId)) throw Invalid($"{Dotted(param)}.tool_use_id: Field required.", $"{param}.tool_use_id");
        var inner = block.Content?.Blocks ?? [];
        var text = new List<string>();
        var images = new List<ImageRef>();
        for (var k = 0; k < inner.Count; k++)
        {
            var innerParam = $"{param}.content[{k}]";
            switch (inner[k].Type)
            {
                case ContentBlock.TextType:
                    text.Add(TextOf(inner[k], innerParam));
                    break;
                case ContentBlock.ImageType:
                    images.Add(Image(inner[k], innerParam));
                    break;
                default:
                    throw UnsupportedBlock(inner[k], innerParam);
            }
        }
        var result = string.Join('\n', text);
        // is_error tells the model the call failed: the transcript says so in words.
        if (block.IsError == true) result = "[the tool reported an error]\n" + result;
        return new ConversationMessage(ConversationRole.Tool, result) { ToolCallId = block.ToolUseId, Images = images };
    }

    private static ConversationMessage AssistantTurn(IReadOnlyList<ContentBlock> blocks, int i)
    {
        var text = new List<string>();
        var calls = new List<HistoryToolCall>();
        for (var j = 0; j < blocks.Count; j++)
        {
            var block = blocks[j];
            var param = $"messages[{i}].content[{j}]";
            switch (block.Type)
            {
                case ContentBlock.TextType:
                    text.Add(TextOf(block, param));
                    break;
                case ContentBlock.ToolUseType:
                    if (string.IsNullOrEmpty(block.Id)) throw Invalid($"messages.{i}.content.{j}.id: Field required.", $"{param}.id");
                    if (string.IsNullOrEmpty(block.Name)) throw Invalid($"messages.{i}.content.{j}.name: Field required.", $"{param}.name");
                    calls.Add(new HistoryToolCall(block.Id, block.Name, block.Input is { ValueKind: JsonValueKind.Object } input ? input.GetRawText() : "{}"));
                    break;
                case ContentBlock.ThinkingType or ContentBlock.RedactedThinkingType:
                    break;
                default:
                    throw UnsupportedBlock(block, param);
            }
        }
        return new ConversationMessage(ConversationRole.Assistant, string.Join('\n', text)) { ToolCalls = calls };
    }

    /// <summary>Base64 sources become data URLs, URL sources stay URLs: Images/ checks and fetches both as for Chat Completions.</summary>
    private static ImageRef Image(ContentBlock block, string param) => block.Source switch
    {
        { Type: "base64", MediaType: { Length: > 0 } mediaType, Data: { Length: > 0 } data } => new ImageRef($"data:{mediaType};base64,{data}", param),
        { Type: "url", Url: { Length: > 0 } url } => new ImageRef(url, param),
        _ => throw Invalid($"{Dotted(param)}.source: must be {{\"type\":\"base64\",\"media_type\":…,\"data\":…}} or {{\"type\":\"url\",\"url\":…}}.", $"{param}.source"),
    };

    private static List<ToolSpec> Tools(IReadOnlyList<ToolDefinition?>? definitions)
    {
        var specs = new List<ToolSpec>();
        for (var k = 0; definitions is not null && k < definitions.Count; k++)
        {
            var tool = definitions[k] ?? throw Invalid($"tools.{k}: must be a tool object, not null.", $"tools[{k}]");
            if (tool.Type is not (null or "custom"))
                throw Invalid($"tools.{k}.type: '{tool.Type}' is one of Anthropic's server tools, which the gateway does not run; define it as a client tool with input_schema.", $"tools[{k}].type");
            if (string.IsNullOrWhiteSpace(tool.Name)) throw Invalid($"tools.{k}.name: Field required.", $"tools[{k}].name");
            if (specs.Any(s => s.Name == tool.Name)) throw Invalid($"tools: Tool names must be unique ('{tool.Name}' is offered twice).", $"tools[{k}].name");
            if (tool.InputSchema is { ValueKind: not JsonValueKind.Object })
                throw Invalid($"tools.{k}.input_schema: must be a JSON Schema object.", $"tools[{k}].input_schema");
            specs.Add(new ToolSpec(tool.Name, tool.Description ?? "", tool.InputSchema ?? EmptyObjectSchema));
        }
        return specs;
    }

    private static ToolChoice Choice(ToolChoiceRequest? choice, IReadOnlyList<ToolSpec> tools) => choice?.Type switch
    {
        null or "auto" => ToolChoice.Auto,
        "none" => ToolChoice.None,
        "any" when tools.Count > 0 => ToolChoice.Required,
        "any" => throw Invalid("tool_choice: 'any' needs at least one tool in 'tools'.", "tool_choice"),
        "tool" when string.IsNullOrEmpty(choice.Name) => throw Invalid("tool_choice.name: Field required for type 'tool'.", "tool_choice.name"),
        "tool" when tools.All(t => t.Name != choice.Name) => throw Invalid($"tool_choice.name: '{choice.Name}' is not in 'tools'.", "tool_choice.name"),
        "tool" => new ToolChoice(ToolChoiceMode.Function, choice.Name),
        var other => throw Invalid($"tool_choice.type: '{other}' is not one of auto, any, tool, none.", "tool_choice.type"),
    };

    /// <summary>Anthropic's rules for <c>thinking</c>: enabled needs a budget of at least 1024 tokens, below max_tokens.</summary>
    private static void CheckThinking(ThinkingConfig? thinking, int? maxTokens)
    {
        switch (thinking?.Type)
        {
            case null when thinking is null:
            case "disabled" or "adaptive":
                return;
            case "enabled" when thinking.BudgetTokens is null:
                throw Invalid("thinking.enabled.budget_tokens: Field required.", "thinking.budget_tokens");
            case "enabled" when thinking.BudgetTokens < 1024:
                throw Invalid($"thinking.enabled.budget_tokens: Input should be greater than or equal to 1024 (got {thinking.BudgetTokens}).", "thinking.budget_tokens");
            case "enabled" when maxTokens is { } max && thinking.BudgetTokens >= max:
                throw Invalid($"max_tokens must be greater than thinking.budget_tokens ({max} ≤ {thinking.BudgetTokens}).", "thinking.budget_tokens");
            case "enabled":
                return;
            default:
                throw Invalid($"thinking.type: '{thinking.Type}' is not one of enabled, disabled, adaptive.", "thinking.type");
        }
    }

    private static GatewayException UnsupportedBlock(ContentBlock block, string param) =>
        block.Type is null
            ? Invalid($"{Dotted(param)}.type: Field required.", $"{param}.type")
            : Invalid($"{Dotted(param)}.type: '{block.Type}' blocks are not supported here; send text, image, tool_use, tool_result or thinking blocks.", $"{param}.type");

    private static void Range(double? value, string field, double min, double max)
    {
        if (value is { } v && !(v >= min && v <= max))
            throw Invalid($"{field}: must be between {min} and {max} (got {v.ToString(CultureInfo.InvariantCulture)}).", field);
    }

    /// <summary><c>messages[2].content[1]</c> → <c>messages.2.content.1</c>, as Anthropic's messages name a field.</summary>
    private static string Dotted(string param) => param.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);

    internal static GatewayException Invalid(string message, string param) => new(GatewayError.InvalidRequest(message, param));
}
