using System.Text.Json;
using Wrapper.FakeCli.Scripting;

namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>The usage objects of claude's events, and the client-side list-price cost it reports.</summary>
internal static class ClaudeUsage
{
    /// <summary>message_start and assistant carry the usage known when the message began (1 output token).</summary>
    public static void WriteStart(Utf8JsonWriter w, TokenUsage usage)
    {
        w.WriteStartObject("usage");
        WriteCounts(w, usage, Math.Min(1, usage.Output));
        w.WriteString("service_tier", "standard");
        w.WriteEndObject();
    }

    public static void WriteDelta(Utf8JsonWriter w, TokenUsage usage)
    {
        w.WriteStartObject("usage");
        WriteCounts(w, usage, usage.Output);
        w.WriteEndObject();
    }

    public static void WriteResult(Utf8JsonWriter w, TokenUsage usage)
    {
        w.WriteStartObject("usage");
        WriteCounts(w, usage, usage.Output);
        w.WriteStartObject("server_tool_use");
        w.WriteNumber("web_search_requests", 0);
        w.WriteNumber("web_fetch_requests", 0);
        w.WriteEndObject();
        w.WriteString("service_tier", "standard");
        w.WriteStartObject("cache_creation");
        w.WriteNumber("ephemeral_1h_input_tokens", 0);
        w.WriteNumber("ephemeral_5m_input_tokens", usage.CacheCreation);
        w.WriteEndObject();
        w.WriteString("inference_geo", "");
        w.WriteStartArray("iterations");
        w.WriteEndArray();
        w.WriteString("speed", "standard");
        w.WriteEndObject();
    }

    public static void WriteModelUsage(Utf8JsonWriter w, string model, TokenUsage usage)
    {
        w.WriteStartObject("modelUsage");
        w.WriteStartObject(model);
        w.WriteNumber("inputTokens", usage.Input);
        w.WriteNumber("outputTokens", usage.Output);
        w.WriteNumber("cacheReadInputTokens", usage.CacheRead);
        w.WriteNumber("cacheCreationInputTokens", usage.CacheCreation);
        w.WriteNumber("webSearchRequests", 0);
        w.WriteNumber("costUSD", Cost(usage));
        w.WriteNumber("contextWindow", model.EndsWith("[1m]", StringComparison.Ordinal) ? 1_000_000 : 200_000);
        w.WriteNumber("maxOutputTokens", ClaudeDefaults.MaxOutputTokens);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Opus list prices per million tokens; they reproduce the recorded 0.09686 for 19357 in, 3 out.</summary>
    public static double Cost(TokenUsage usage) => Math.Round(
        (usage.Input * 5.0 + usage.Output * 25.0 + usage.CacheRead * 0.5 + usage.CacheCreation * 6.25) / 1_000_000, 8);

    private static void WriteCounts(Utf8JsonWriter w, TokenUsage usage, long output)
    {
        w.WriteNumber("input_tokens", usage.Input);
        w.WriteNumber("cache_creation_input_tokens", usage.CacheCreation);
        w.WriteNumber("cache_read_input_tokens", usage.CacheRead);
        w.WriteNumber("output_tokens", output);
    }
}
