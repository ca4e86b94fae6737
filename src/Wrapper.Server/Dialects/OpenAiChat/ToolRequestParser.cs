using System.Text.Json;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Dialects.OpenAiChat.Contracts;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Dialects.OpenAiChat;

/// <summary>
/// Parses Chat Completions' <c>tools</c> and <c>tool_choice</c> into the neutral <see cref="ToolSpec"/>
/// and <see cref="ToolChoice"/>, or a 400 naming the field.
/// </summary>
internal static class ToolRequestParser
{
    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    public static IReadOnlyList<ToolSpec> ParseTools(IReadOnlyList<ToolDefinition> tools)
    {
        var specs = new List<ToolSpec>();
        for (var i = 0; i < tools.Count; i++)
        {
            var function = tools[i].Function;
            if (tools[i].Type is not (null or "function"))
                throw Invalid($"tools[{i}].type '{tools[i].Type}' is not supported; only 'function' tools are.", $"tools[{i}].type");
            if (string.IsNullOrWhiteSpace(function?.Name))
                throw Invalid($"tools[{i}].function.name is required.", $"tools[{i}].function.name");
            if (specs.Any(s => s.Name == function.Name))
                throw Invalid($"tools[{i}].function.name '{function.Name}' is offered twice.", $"tools[{i}].function.name");
            var schema = function.Parameters is { ValueKind: JsonValueKind.Object } parameters ? parameters : EmptyObjectSchema;
            specs.Add(new ToolSpec(function.Name, function.Description ?? "", schema));
        }
        return specs;
    }

    public static ToolChoice ParseChoice(JsonElement? choice, IReadOnlyList<ToolSpec> tools)
    {
        if (choice is not { } value || value.ValueKind == JsonValueKind.Null) return ToolChoice.Auto;
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() switch
            {
                "auto" => ToolChoice.Auto,
                "none" => ToolChoice.None,
                "required" when tools.Count > 0 => ToolChoice.Required,
                "required" => throw Invalid("tool_choice 'required' needs at least one tool in 'tools'.", "tool_choice"),
                var other => throw Invalid($"tool_choice '{other}' is not one of none, auto, required.", "tool_choice"),
            };
        }
        var name = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("function", out var function)
            && function.ValueKind == JsonValueKind.Object && function.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()
            : null;
        if (name is null) throw Invalid("tool_choice must be a string or {\"type\":\"function\",\"function\":{\"name\":...}}.", "tool_choice");
        if (tools.All(t => t.Name != name)) throw Invalid($"tool_choice names the function '{name}', which is not in 'tools'.", "tool_choice");
        return new ToolChoice(ToolChoiceMode.Function, name);
    }

    private static GatewayException Invalid(string message, string param) => new(GatewayError.InvalidRequest(message, param));
}
