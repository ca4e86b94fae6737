namespace Wrapper.Server.Api;

/// <summary>
/// Which API's error body a request gets. The Messages routes (with or without <c>/v1</c>) answer
/// in Anthropic's shape, and so does any request that carries <c>anthropic-version</c> (every
/// Anthropic SDK and Claude Code send it, e.g. to <c>GET /v1/models</c>); everything else in OpenAI's.
/// One decision, so an error written by middleware before the endpoint runs (a wrong key, a rate
/// limit, a 415) is in the same shape as the endpoint's own.
/// </summary>
internal enum ErrorShape
{
    OpenAi,
    Anthropic,
}

internal static class ErrorShapes
{
    public const string AnthropicVersionHeader = "anthropic-version";

    public static ErrorShape Of(HttpRequest request) =>
        IsMessagesPath(request.Path) || request.Headers.ContainsKey(AnthropicVersionHeader) ? ErrorShape.Anthropic : ErrorShape.OpenAi;

    /// <summary><c>/v1/messages</c>, <c>/messages</c> and what lies below them (<c>count_tokens</c>).</summary>
    public static bool IsMessagesPath(PathString path)
    {
        var value = (path.Value ?? "").TrimEnd('/');
        if (value.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase)) value = value[3..];
        return value.Equals("/messages", StringComparison.OrdinalIgnoreCase) || value.StartsWith("/messages/", StringComparison.OrdinalIgnoreCase);
    }
}
