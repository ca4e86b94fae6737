namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>
/// How claude reports a failed API call (FAKE:error &lt;kind&gt;): a synthetic assistant message and an
/// is_error result with these texts, as in Recordings/claude-err*-stream-json.txt. The 400 is
/// Anthropic's refusal of requests it deems third-party ("extra usage").
/// </summary>
internal sealed record ClaudeError(int? Status, string Code, string Text, bool SendsRequest)
{
    public static readonly string[] Kinds = ["401", "429", "500", "400", "nocreds", "overloaded"];

    public static ClaudeError? Find(string kind, string? baseUrl) => kind switch
    {
        "401" => new(401, "authentication_failed", "Invalid API key · Fix external API key", true),
        "429" => new(429, "rate_limit",
            "API Error: Request rejected (429) · Number of request tokens has exceeded your per-minute rate limit", true),
        "500" => new(500, "server_error", $"API Error: 500 Internal server error. {ServerSide(baseUrl)}", true),
        "overloaded" => new(529, "server_error", $"API Error: 529 Overloaded. {ServerSide(baseUrl)}", true),
        "400" => new(400, "invalid_request",
            "API Error: 400 {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Third-party apps now "
            + "draw from your extra usage, not your plan limits. Add more at claude.ai/settings/usage and keep going.\"},"
            + "\"request_id\":\"req_fake_0001\"}", true),
        "nocreds" => new(null, "authentication_failed", "Not logged in · Please run /login", false),
        _ => null,
    };

    // The real text names the custom endpoint when ANTHROPIC_BASE_URL is set (see claude-err500-stream-json.txt).
    private static string ServerSide(string? baseUrl)
    {
        var where = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri)
            ? $"your inference gateway ({uri.Authority})"
            : "https://status.claude.com";
        return $"This is a server-side issue, usually temporary — try again in a moment. If it persists, check {where}.";
    }
}
