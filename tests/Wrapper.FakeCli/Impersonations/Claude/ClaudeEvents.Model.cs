namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>
/// What a persistent claude (--input-format stream-json) prints for "/model" and "/model &lt;alias&gt;", as
/// measured on 2.1.332: the turn's init names the current model (its aliases resolved), then the command's
/// answer as an assistant message and a successful result. No model call; "/model X" switches for later turns.
/// </summary>
internal sealed partial class ClaudeEvents
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["opus"] = "claude-opus-5-5",
        ["sonnet"] = "claude-sonnet-5-5",
        ["haiku"] = "claude-haiku-5-5",
    };

    /// <summary>The model an alias (or full id) means; the default without one.</summary>
    public static string ResolveModel(string? model) => model is null ? ClaudeDefaults.ApiModel : Aliases.GetValueOrDefault(model, model);

    /// <summary>The argument of a "/model" command ("" for none); null when the prompt is not one.</summary>
    public static string? ModelCommand(string prompt)
    {
        var text = prompt.Trim();
        if (text == "/model") return "";
        return text.StartsWith("/model ", StringComparison.Ordinal) ? text["/model ".Length..].Trim() : null;
    }

    /// <summary>Answers a "/model" command; the events' model is the current one (resolved).</summary>
    public void ModelResult(string argument)
    {
        Init("none");
        var text = argument.Length == 0 ? $"Current model: `{DisplayModel}`" : $"Set model to `{argument}` for this session only";
        Line(w =>
        {
            w.WriteString("type", "assistant");
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            w.WriteString("model", "<synthetic>");
            w.WriteStartArray("content");
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteString("text", text);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("session_id", SessionId);
            w.WriteString("uuid", NewUuid());
        });
        SuccessResult(text, "end_turn", new Scripting.TokenUsage(0, 0));
    }
}
