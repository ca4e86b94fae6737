using System.Text.Json;

namespace Wrapper.Server.Providers;

/// <summary>
/// When a CLI's stored login expires, where its credentials file says so (for <c>GET /v1/auth/status</c>):
/// Claude Code's <c>~/.claude/.credentials.json</c> (<c>claudeAiOauth.expiresAt</c>), Gemini CLI's and
/// Qwen Code's <c>oauth_creds.json</c> (<c>expiry_date</c>), all in milliseconds since the epoch. Only
/// that number is read; the token beside it is never returned or logged.
/// </summary>
internal static class LoginExpiry
{
    public static DateTimeOffset? For(string provider, IConfiguration configuration) => provider switch
    {
        "claude" => Read(Path.Combine(Directory(configuration, "CLAUDE_CONFIG_DIR", ".claude") ?? "", ".credentials.json"), "claudeAiOauth", "expiresAt"),
        "gemini" => Read(Path.Combine(Directory(configuration, null, ".gemini") ?? "", "oauth_creds.json"), null, "expiry_date"),
        "qwen" => Read(Path.Combine(Directory(configuration, "QWEN_HOME", ".qwen") ?? "", "oauth_creds.json"), null, "expiry_date"),
        _ => null,
    };

    private static string? Directory(IConfiguration configuration, string? setting, string folder)
    {
        if (setting is not null && configuration[setting] is { Length: > 0 } configured) return configured;
        return configuration["HOME"] is { Length: > 0 } home ? Path.Combine(home, folder) : null;
    }

    private static DateTimeOffset? Read(string file, string? section, string property)
    {
        try
        {
            if (!Path.IsPathRooted(file) || !File.Exists(file)) return null;
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            if (section is not null && !root.TryGetProperty(section, out root)) return null;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty(property, out var value) && value.TryGetInt64(out var milliseconds)
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentOutOfRangeException)
        {
            return null; // unreadable or not the shape we know: no expiry to show
        }
    }
}
