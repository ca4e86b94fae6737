using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>
/// The client's <c>tools</c> as the CLIs can serve them: <c>function</c> tools as they are,
/// <c>custom</c> (free-form) tools as a function of one string argument <c>input</c>, the tools of a
/// <c>namespace</c> group flattened, and hosted tools (web_search, file_search, …) that no CLI here
/// serves dropped and named in <see cref="Dropped"/> (Codex offers web_search by default: never a failure).
/// </summary>
internal sealed record ResponseTools(IReadOnlyList<ToolSpec> Specs, IReadOnlySet<string> CustomNames, IReadOnlyList<string> Dropped)
{
    public const string CustomInputArgument = "input";

    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    private static readonly JsonElement CustomSchema = JsonDocument.Parse("""
        {"type":"object","properties":{"input":{"type":"string","description":"The tool's whole input, as free-form text."}},"required":["input"]}
        """).RootElement.Clone();

    public static ResponseTools Parse(IReadOnlyList<JsonElement>? tools)
    {
        var specs = new List<ToolSpec>();
        var custom = new HashSet<string>(StringComparer.Ordinal);
        var dropped = new List<string>();
        for (var i = 0; tools is not null && i < tools.Count; i++) Add(tools[i], $"tools[{i}]", specs, custom, dropped);
        return new ResponseTools(specs, custom, dropped);
    }

    /// <summary>A custom tool's call as the client expects it: the <c>input</c> string the model wrote.</summary>
    public static string CustomInput(string arguments)
    {
        try
        {
            return JsonNode.Parse(arguments) is JsonObject o && o[CustomInputArgument] is JsonValue v && v.TryGetValue<string>(out var input) ? input : arguments;
        }
        catch (JsonException)
        {
            return arguments;
        }
    }

    /// <summary>A custom tool's earlier call as the CLIs see calls: JSON arguments with its input.</summary>
    public static string CustomArguments(string? input) => new JsonObject { [CustomInputArgument] = input ?? "" }.ToJsonString();

    private static void Add(JsonElement tool, string param, List<ToolSpec> specs, HashSet<string> custom, List<string> dropped)
    {
        if (tool.ValueKind != JsonValueKind.Object)
            throw ResponsesErrors.Invalid($"{param} must be a tool object such as {{\"type\":\"function\",\"name\":\"...\"}}.", param);
        var type = Text(tool, "type");
        switch (type)
        {
            case "function":
                var schema = tool.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object ? parameters : EmptyObjectSchema;
                specs.Add(new ToolSpec(Name(tool, param, specs), Text(tool, "description") ?? "", schema));
                break;
            case "custom":
                var name = Name(tool, param, specs);
                specs.Add(new ToolSpec(name, CustomDescription(tool), CustomSchema));
                custom.Add(name);
                break;
            case "namespace":
                if (!tool.TryGetProperty("tools", out var members) || members.ValueKind != JsonValueKind.Array)
                    throw ResponsesErrors.Invalid($"{param}.tools must be an array of the namespace's tools.", $"{param}.tools");
                var j = 0;
                foreach (var member in members.EnumerateArray()) Add(member, $"{param}.tools[{j++}]", specs, custom, dropped);
                break;
            case null:
                throw ResponsesErrors.Invalid($"{param}.type is required ('function', 'custom', or a hosted tool such as 'web_search').", $"{param}.type");
            default:
                // A hosted tool (web_search, file_search, code_interpreter, image_generation, mcp, local_shell, …).
                dropped.Add(type);
                break;
        }
    }

    private static string Name(JsonElement tool, string param, List<ToolSpec> specs)
    {
        var name = Text(tool, "name");
        if (string.IsNullOrWhiteSpace(name)) throw ResponsesErrors.Invalid($"{param}.name is required.", $"{param}.name");
        if (specs.Any(s => s.Name == name)) throw ResponsesErrors.Invalid($"{param}.name '{name}' is offered twice.", $"{param}.name");
        return name;
    }

    // The grammar a free-form tool's input must follow (Codex's apply_patch is a Lark grammar) is part of what the model must know.
    private static string CustomDescription(JsonElement tool)
    {
        var description = Text(tool, "description") ?? "";
        if (!tool.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.Object || Text(format, "type") != "grammar") return description;
        var syntax = Text(format, "syntax") ?? "the";
        var definition = Text(format, "definition");
        return definition is null ? description : $"{description}\n\nPut the whole input in 'input'. It must follow this {syntax} grammar:\n{definition}";
    }

    internal static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
