namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>Fixed facts of Claude Code 2.1.197, copied from Recordings/claude-stream-json-partial.txt.</summary>
internal static class ClaudeDefaults
{
    public const string Version = "2.1.197";
    public const string DisplayModel = "claude-opus-4-8[1m]";
    public const string ApiModel = "claude-opus-4-8";
    public const int MaxOutputTokens = 64000;

    public static readonly string[] Tools =
    [
        "Task", "Bash", "CronCreate", "CronDelete", "CronList", "Edit", "EnterWorktree", "ExitWorktree", "NotebookEdit",
        "Read", "ReportFindings", "ScheduleWakeup", "SendMessage", "Skill", "TaskCreate", "TaskGet", "TaskList",
        "TaskOutput", "TaskStop", "TaskUpdate", "WebFetch", "WebSearch", "Workflow", "Write",
    ];

    public static readonly string[] Skills =
    [
        "deep-research", "update-config", "verify", "debug", "code-review", "simplify", "batch",
        "fewer-permission-prompts", "loop", "claude-api", "run", "run-skill-generator",
    ];

    public static readonly string[] SlashCommands =
    [
        .. Skills, "clear", "compact", "config", "context", "heapdump", "init", "reload-skills", "review",
        "security-review", "usage", "insights", "goal", "team-onboarding",
    ];

    public static readonly string[] Agents = ["claude", "Explore", "general-purpose", "Plan", "statusline-setup"];
}
