using System.Text.Json.Nodes;

namespace Wrapper.Server.Providers;

/// <summary>
/// What the settings.json in a request's home holds for both Gemini CLI and Qwen Code (a fork of it,
/// with the same keys); each provider adds its own keys.
/// </summary>
internal static class CliSettings
{
    /// <param name="authType">The auth type to use (<c>security.auth.selectedType</c>); null leaves the CLI to say it has none.</param>
    public static JsonObject Create(string? authType)
    {
        var settings = new JsonObject
        {
            // Quiet: no usage statistics or telemetry hosts (REPORT §2 "quiet").
            ["privacy"] = new JsonObject { ["usageStatisticsEnabled"] = false },
            ["telemetry"] = new JsonObject { ["enabled"] = false },
        };
        if (authType is not null)
            settings["security"] = new JsonObject { ["auth"] = new JsonObject { ["selectedType"] = authType } };
        return settings;
    }
}
