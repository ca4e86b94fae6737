namespace Wrapper.Server.Api.Contracts;

/// <summary><c>{"error":{"message","type","param","code"}}</c>, OpenAI's error body.</summary>
internal sealed record ErrorResponse(ErrorBody Error);

/// <param name="RetryAfter">Seconds before a retry, with a 429 or 503 (as the <c>Retry-After</c> header); left out otherwise.</param>
internal sealed record ErrorBody(string Message, string Type, string? Param, string? Code,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? RetryAfter = null);
