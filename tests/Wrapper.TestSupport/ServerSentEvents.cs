using System.Text.Json;

namespace Wrapper.TestSupport;

/// <summary>Reads an SSE body the way openai-node does: <c>data:</c> lines, comments skipped.</summary>
public static class ServerSentEvents
{
    /// <summary>Every event in order: the JSON of each <c>data:</c> line, or the raw text for <c>[DONE]</c> and comments.</summary>
    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream body, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(':')) yield return new SseEvent(line, null, IsComment: true);
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var data = line["data: ".Length..];
                yield return new SseEvent(data, data == "[DONE]" ? null : JsonDocument.Parse(data).RootElement.Clone(), IsComment: false);
            }
            else if (line.Length > 0) yield return new SseEvent(line, null, IsComment: false); // anything else is a protocol error
        }
    }

    public static async Task<List<SseEvent>> ReadAllAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var events = new List<SseEvent>();
        await foreach (var item in ReadAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken)) events.Add(item);
        return events;
    }
}

public sealed record SseEvent(string Raw, JsonElement? Json, bool IsComment)
{
    public bool IsDone => Raw == "[DONE]";
}
