using System.Diagnostics;
using System.Text.Json;

namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>
/// Writes claude's output events with the field names and order of the real recordings.
/// stream-json prints every event (stream_event only with --include-partial-messages);
/// json prints only the result object; text only the result text.
/// </summary>
internal sealed partial class ClaudeEvents(FakeTurn turn, ClaudeOptions options)
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public string SessionId { get; } = Guid.NewGuid().ToString();

    /// <summary>The model as init and modelUsage name it (the default shows its 1M-context suffix).</summary>
    public string DisplayModel => options.Model ?? ClaudeDefaults.DisplayModel;

    /// <summary>The model as the API messages name it.</summary>
    public string ApiModel => options.Model ?? ClaudeDefaults.ApiModel;

    private bool Partial => options.StreamsJson && options.IncludePartialMessages;

    private static long ElapsedMs => Clock.ElapsedMilliseconds;

    private static string NewUuid() => Guid.NewGuid().ToString();

    /// <summary>A top-level event; only stream-json prints those.</summary>
    private void Line(Action<Utf8JsonWriter> write)
    {
        if (options.StreamsJson) turn.Stdout.Write(write);
    }

    /// <summary>A raw Anthropic SSE event in claude's stream_event wrapper (partial messages only).</summary>
    private void StreamEvent(Action<Utf8JsonWriter> writeEvent, bool withTtft = false)
    {
        if (!Partial) return;
        turn.Stdout.Write(w =>
        {
            w.WriteString("type", "stream_event");
            w.WriteStartObject("event");
            writeEvent(w);
            w.WriteEndObject();
            w.WriteString("session_id", SessionId);
            w.WriteNull("parent_tool_use_id");
            w.WriteString("uuid", NewUuid());
            if (withTtft) w.WriteNumber("ttft_ms", ElapsedMs);
        });
    }

    /// <summary>The closing result: the whole object for stream-json and json, the bare text for text.</summary>
    private void Result(string text, Action<Utf8JsonWriter> write)
    {
        if (options.OutputFormat == "text") turn.Stdout.WriteText(text);
        else turn.Stdout.Write(write);
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }
}
