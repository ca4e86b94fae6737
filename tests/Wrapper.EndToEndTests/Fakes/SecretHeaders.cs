namespace Wrapper.EndToEndTests.Fakes;

/// <summary>
/// Redacts credentials before a request is recorded, so a test failure message or log can never
/// print a key. The length is kept so a test can still tell "a key was sent" from "none was".
/// </summary>
internal static class SecretHeaders
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "x-api-key", "authorization", "proxy-authorization", "cookie",
    };

    public static string Redact(string name, string value)
    {
        if (!Names.Contains(name)) return value;
        // Keep the scheme ("Bearer") visible: whether Claude used ANTHROPIC_API_KEY (x-api-key)
        // or ANTHROPIC_AUTH_TOKEN (Authorization: Bearer) is exactly what tests want to see.
        var space = value.IndexOf(' ');
        var scheme = space > 0 ? value[..(space + 1)] : "";
        return $"{scheme}<redacted len={value.Length}>";
    }
}
