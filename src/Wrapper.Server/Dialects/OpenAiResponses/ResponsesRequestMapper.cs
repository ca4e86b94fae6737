using System.Globalization;
using System.Text.Json;
using Wrapper.Server.Core;
using Wrapper.Server.Dialects.OpenAiResponses.Contracts;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>
/// A Responses body (and the conversation of its <c>previous_response_id</c>) → the core's
/// <see cref="CompletionRequest"/> and the <see cref="ResponseDraft"/> its answer is built on; a 400
/// in OpenAI's shape naming the field for anything that cannot run.
/// </summary>
internal static class ResponsesRequestMapper
{
    private static readonly JsonElement AutoChoice = JsonDocument.Parse("\"auto\"").RootElement.Clone();
    private static readonly string[] Efforts = ["none", "minimal", "low", "medium", "high", "xhigh"];

    public static (CompletionRequest Request, ResponseDraft Draft) Map(ResponsesRequest body, IReadOnlyList<JsonElement> history, int maxItems, long createdAt)
    {
        if (string.IsNullOrWhiteSpace(body.Model))
            throw ResponsesErrors.Invalid("'model' is required: a model id such as 'claude-sonnet-4-5' (see GET /v1/models).", "model");
        CheckRanges(body);
        var items = InputItems.Normalise(body.Input);
        var conversation = history.Concat(items).ToList();
        if (conversation.Count > maxItems)
            throw new Diagnostics.GatewayException(Diagnostics.GatewayError.InvalidRequest(
                $"The conversation holds {conversation.Count} input items; this gateway accepts at most {maxItems} (MAX_MESSAGES).", "input", "too_many_messages"));
        var (system, messages) = ConversationItems.Map(conversation);
        if (!messages.Any(m => m.Role is ConversationRole.User or ConversationRole.Tool))
            throw ResponsesErrors.Invalid("'input' must contain at least one user message or tool output.", "input");

        var tools = ResponseTools.Parse(body.Tools);
        var systemPrompt = string.Join("\n\n", new[] { body.Instructions, system, ResponseFormat.Instruction(body.Text?.Format) }.Where(s => !string.IsNullOrEmpty(s)));
        var request = new CompletionRequest
        {
            Model = body.Model.Trim(),
            SystemPrompt = systemPrompt.Length > 0 ? systemPrompt : null,
            Messages = messages,
            Stream = body.Stream ?? false,
            IncludeUsage = true,
            MaxOutputTokens = body.MaxOutputTokens,
            Temperature = body.Temperature,
            Tools = tools.Specs,
            ToolChoice = ResponseToolChoice.Parse(body.ToolChoice, tools.Specs),
            ParallelToolCalls = body.ParallelToolCalls ?? true,
        };
        var echo = new ResponsesRequestEcho(
            body.Instructions, body.MaxOutputTokens, request.ParallelToolCalls, body.PreviousResponseId,
            new ReasoningEcho(body.Reasoning?.Effort, body.Reasoning?.Summary), body.Store ?? true, body.Temperature,
            new TextEcho(body.Text?.Format is { ValueKind: JsonValueKind.Object } format ? format : ResponseFormat.Text, body.Text?.Verbosity ?? "medium"),
            body.ToolChoice is { ValueKind: not JsonValueKind.Null } choice ? choice : AutoChoice,
            body.Tools ?? [], body.TopP, body.User, body.PromptCacheKey, body.Metadata ?? new Dictionary<string, string>());
        return (request, new ResponseDraft { CreatedAt = createdAt, Echo = echo, InputItems = conversation, Tools = tools });
    }

    private static void CheckRanges(ResponsesRequest body)
    {
        if (body.MaxOutputTokens is < 1)
            throw ResponsesErrors.Invalid($"'max_output_tokens' is {body.MaxOutputTokens}; it must be a positive number of tokens.", "max_output_tokens");
        Range(body.Temperature, "temperature", 0, 2);
        Range(body.TopP, "top_p", 0, 1);
        if (body.Reasoning?.Effort is { } effort && !Efforts.Contains(effort))
            throw ResponsesErrors.Invalid($"reasoning.effort '{effort}' is not one of {string.Join(", ", Efforts)}.", "reasoning.effort");
        if (body.PreviousResponseId is { } id && !ResponseIds.LooksLikeResponseId(id))
            throw ResponsesErrors.Invalid($"previous_response_id '{id}' is not a response id ('resp_…').", "previous_response_id");
        if (body.Tools?.Count > 0 && body.Tools.Any(t => t.ValueKind == JsonValueKind.Null))
            throw ResponsesErrors.Invalid("'tools' must not hold null.", "tools");
    }

    private static void Range(double? value, string field, double min, double max)
    {
        if (value is { } v && !(v >= min && v <= max))
            throw ResponsesErrors.Invalid($"'{field}' is {v.ToString(CultureInfo.InvariantCulture)}; it must be between {min} and {max}.", field);
    }
}
