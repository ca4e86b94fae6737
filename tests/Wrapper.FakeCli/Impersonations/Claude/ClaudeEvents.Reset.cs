namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>
/// What a persistent claude (--input-format stream-json) prints for the user message "/clear", as
/// measured: init, an empty assistant message and an empty successful result under a new session.
/// With --disable-slash-commands the command is refused with a non-empty result instead.
/// </summary>
internal sealed partial class ClaudeEvents
{
    public const string SlashCommandsOff = "/clear isn't available in this environment.";

    public void ClearResult(bool slashCommandsDisabled)
    {
        Init("ANTHROPIC_API_KEY");
        var text = slashCommandsDisabled ? SlashCommandsOff : "";
        Line(w =>
        {
            w.WriteString("type", "assistant");
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            w.WriteString("model", "<synthetic>");
            w.WriteStartArray("content");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("session_id", SessionId);
            w.WriteString("uuid", NewUuid());
        });
        SuccessResult(text, "end_turn", new Scripting.TokenUsage(0, 0));
    }
}
