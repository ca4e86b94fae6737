using System.Text.Json.Nodes;

namespace Wrapper.Server.Providers.Claude;

/// <summary>
/// When the run ends: if Claude Code refreshed the login in the request's copy of
/// <c>.credentials.json</c> (its <c>claudeAiOauth</c> entry), that entry alone goes back into the
/// operator's file, atomically and owner-only, and only when it expires later than the one there.
/// Anything else the run wrote (an <c>mcpOAuth</c> entry) stays in the sandbox and goes with it.
/// </summary>
internal sealed class ClaudeLoginWriteBack(string requestFile, string realFile, string original) : IDisposable
{
    private const string LoginKey = "claudeAiOauth";

    public void Dispose()
    {
        try
        {
            if (Login(File.ReadAllText(requestFile)) is not { } refreshed || JsonNode.DeepEquals(refreshed, Login(original))) return;
            var target = File.ResolveLinkTarget(realFile, returnFinalTarget: true)?.FullName ?? realFile;
            if (JsonNode.Parse(File.ReadAllText(target)) is not JsonObject current) return;
            if (ExpiresAt(current[LoginKey]) >= ExpiresAt(refreshed)) return; // another run refreshed it later
            current[LoginKey] = refreshed.DeepClone();
            var temporary = $"{target}.wrapper-{Guid.NewGuid():N}";
            CliHome.WriteFile(temporary, current.ToJsonString());
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException)
        {
            // Logged out meanwhile, or a file that is not JSON: the old login stays; the CLI refreshes again next time.
        }
    }

    private static JsonNode? Login(string json) => JsonNode.Parse(json) is JsonObject file ? file[LoginKey] : null;

    private static long ExpiresAt(JsonNode? login) =>
        login is JsonObject o && o["expiresAt"] is JsonValue v && v.TryGetValue<long>(out var expires) ? expires : long.MinValue;
}
