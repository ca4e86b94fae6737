using System.Text.Json;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>
/// <c>text.format</c>: the CLIs have no structured-output switch, so <c>json_object</c> and
/// <c>json_schema</c> become an instruction in the system prompt (the schema included), which is
/// how Codex's <c>--output-schema</c> asks for its final answer.
/// </summary>
internal static class ResponseFormat
{
    public static readonly JsonElement Text = JsonDocument.Parse("""{"type":"text"}""").RootElement.Clone();

    /// <summary>The instruction the format needs, or null for plain text; a 400 for a format that is not one of OpenAI's.</summary>
    public static string? Instruction(JsonElement? format)
    {
        if (format is not { ValueKind: JsonValueKind.Object } value) return null;
        switch (ResponseTools.Text(value, "type"))
        {
            case "text" or null:
                return null;
            case "json_object":
                return "Answer with one JSON object only: no prose and no code fences around it.";
            case "json_schema":
                if (!value.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
                    throw ResponsesErrors.Invalid("text.format.schema is required for a json_schema format: a JSON Schema object.", "text.format.schema");
                var name = ResponseTools.Text(value, "name") is { } n ? $" ('{n}')" : "";
                return $"Answer with one JSON value only, no prose and no code fences around it, that is valid against this JSON Schema{name}:\n{schema.GetRawText()}";
            case var type:
                throw ResponsesErrors.Invalid($"text.format.type '{type}' is not one of text, json_object, json_schema.", "text.format.type");
        }
    }
}
