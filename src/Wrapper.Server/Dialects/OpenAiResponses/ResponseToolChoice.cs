using System.Text.Json;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>
/// <c>tool_choice</c> in the Responses shape: <c>none</c>/<c>auto</c>/<c>required</c>, or
/// <c>{"type":"function"|"custom","name":...}</c>. A hosted tool's choice (<c>{"type":"web_search"}</c>)
/// names a tool that was dropped: the model chooses freely.
/// </summary>
internal static class ResponseToolChoice
{
    public static ToolChoice Parse(JsonElement? choice, IReadOnlyList<ToolSpec> tools)
    {
        if (choice is not { } value || value.ValueKind == JsonValueKind.Null) return ToolChoice.Auto;
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() switch
            {
                "auto" => ToolChoice.Auto,
                "none" => ToolChoice.None,
                "required" when tools.Count > 0 => ToolChoice.Required,
                "required" => throw ResponsesErrors.Invalid("tool_choice 'required' needs at least one function or custom tool in 'tools'.", "tool_choice"),
                var other => throw ResponsesErrors.Invalid($"tool_choice '{other}' is not one of none, auto, required.", "tool_choice"),
            };
        }
        if (value.ValueKind != JsonValueKind.Object)
            throw ResponsesErrors.Invalid("tool_choice must be a string or an object such as {\"type\":\"function\",\"name\":...}.", "tool_choice");
        var type = ResponseTools.Text(value, "type");
        if (type is not ("function" or "custom")) return ToolChoice.Auto;
        var name = ResponseTools.Text(value, "name")
            ?? throw ResponsesErrors.Invalid("tool_choice.name is required for a function or custom tool choice.", "tool_choice.name");
        if (tools.All(t => t.Name != name)) throw ResponsesErrors.Invalid($"tool_choice names the tool '{name}', which is not in 'tools'.", "tool_choice.name");
        return new ToolChoice(ToolChoiceMode.Function, name);
    }
}
