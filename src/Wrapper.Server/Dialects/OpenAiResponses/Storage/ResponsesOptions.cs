namespace Wrapper.Server.Dialects.OpenAiResponses.Storage;

/// <summary>How long and how many Responses API responses are kept for <c>previous_response_id</c> and <c>GET /v1/responses/{id}</c>.</summary>
internal sealed record ResponsesOptions
{
    /// <summary>Hours a stored response can be read or continued; 720 (30 days) is OpenAI's own retention.</summary>
    [ConfigurationKeyName("RESPONSES_TTL_HOURS")] public int TtlHours { get; init; } = 720;

    /// <summary>Responses kept per client; beyond it the oldest are removed as new ones are stored.</summary>
    [ConfigurationKeyName("RESPONSES_MAX_STORED")] public int MaxStored { get; init; } = 1000;

    public TimeSpan Ttl => TimeSpan.FromHours(TtlHours);
}
