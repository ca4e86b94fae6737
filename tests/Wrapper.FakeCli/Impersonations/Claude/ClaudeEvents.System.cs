using System.Text;

namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>system/init, system/status and system/api_retry.</summary>
internal sealed partial class ClaudeEvents
{
    public void Init(string apiKeySource) => Line(w =>
    {
        w.WriteString("type", "system");
        w.WriteString("subtype", "init");
        w.WriteString("cwd", turn.Cwd);
        w.WriteString("session_id", SessionId);
        WriteStrings(w, "tools", options.ToolNames());
        w.WriteStartArray("mcp_servers");
        w.WriteEndArray();
        w.WriteString("model", DisplayModel);
        w.WriteString("permissionMode", options.PermissionMode);
        WriteStrings(w, "slash_commands", ClaudeDefaults.SlashCommands);
        w.WriteString("apiKeySource", apiKeySource);
        w.WriteString("claude_code_version", ClaudeDefaults.Version);
        w.WriteString("output_style", "default");
        WriteStrings(w, "agents", ClaudeDefaults.Agents);
        WriteStrings(w, "skills", ClaudeDefaults.Skills);
        WriteStrings(w, "plugins", []);
        var quiet = FakeTurn.Environment("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC") is { Length: > 0 };
        w.WriteBoolean("analytics_disabled", quiet);
        w.WriteBoolean("product_feedback_disabled", quiet);
        w.WriteString("uuid", NewUuid());
        w.WriteStartObject("memory_paths");
        w.WriteString("auto", MemoryPath());
        w.WriteEndObject();
        w.WriteString("fast_mode_state", "off");
    });

    /// <summary>Emitted (with partial messages) each time a request to the API starts.</summary>
    public void Requesting()
    {
        if (!Partial) return;
        Line(w =>
        {
            w.WriteString("type", "system");
            w.WriteString("subtype", "status");
            w.WriteString("status", "requesting");
            w.WriteString("uuid", NewUuid());
            w.WriteString("session_id", SessionId);
        });
    }

    public void ApiRetry(int attempt, int maxRetries, int status, string error) => Line(w =>
    {
        w.WriteString("type", "system");
        w.WriteString("subtype", "api_retry");
        w.WriteNumber("attempt", attempt);
        w.WriteNumber("max_retries", maxRetries);
        w.WriteNumber("retry_delay_ms", 500.0 * Math.Pow(2, attempt - 1));
        w.WriteNumber("error_status", status);
        w.WriteString("error", error);
        w.WriteString("session_id", SessionId);
        w.WriteString("uuid", NewUuid());
    });

    // ~/.claude/projects/<cwd with every character outside [A-Za-z0-9] turned into '-'>/memory/ (docs/cli/REPORT.md §7).
    private string MemoryPath()
    {
        var configDir = FakeTurn.Environment("CLAUDE_CONFIG_DIR")
            ?? Path.Combine(FakeTurn.Environment("HOME") ?? "/root", ".claude");
        var project = new StringBuilder(turn.Cwd.Length);
        foreach (var c in turn.Cwd) project.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        return Path.Combine(configDir, "projects", project.ToString(), "memory") + "/";
    }
}
