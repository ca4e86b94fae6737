namespace Wrapper.Server.Providers.Qwen;

/// <summary>
/// Every built-in tool name Qwen Code 0.24.4 knows (<c>ToolNames</c> in its bundle,
/// packages/core/src/tools/tool-names.ts), denied in the request's settings (<c>tools.exclude</c>, which
/// the CLI merges into <c>permissions.deny</c>: a whole-tool deny rule unregisters the tool) so that it runs
/// as a plain chat model and only the client's tools reach the model. There is no wildcard rule, and
/// 0.24 registers tools that 0.15.10 did not have (cron_*, *_worktree, *_goal, list_agents, tool_call…),
/// so the list names all of them, including those registered only behind a feature flag; a name the CLI
/// does not register costs nothing. The end-to-end suite checks that the upstream request's tool list is
/// exactly the client's, so a release with a new tool fails there.
/// </summary>
internal static class QwenBuiltInTools
{
    public static readonly IReadOnlyList<string> Names =
    [
        "exec", "edit", "write_file", "read_file", "zoom_image", "grep_search", "glob", "run_shell_command",
        "todo_write", "save_memory", "agent", "skill", "exit_plan_mode", "enter_plan_mode", "web_fetch",
        "web_search", "image_gen", "list_directory", "lsp", "ask_user_question", "cron_create", "cron_list",
        "cron_delete", "loop_wakeup", "create_sub_session", "list_agents", "task_stop", "task_create",
        "task_update", "task_list", "team_create", "team_delete", "team_plan_approval", "request_shutdown",
        "send_message", "structured_output", "monitor", "notebook_edit", "tool_call", "tool_search",
        "read_mcp_resource", "enter_worktree", "exit_worktree", "workflow", "artifact", "record_artifact",
        "record_source", "report_findings", "get_goal", "update_goal", "propose_goal", "display_image",
        "omni_downsample_image", "omni_downscale_video", "omni_downsample_audio", "omni_extract_keyframes",
        "omni_extract_audio", "omni_clip_video", "omni_convert_image", "omni_transcribe_audio",
        "omni_clip_image", "omni_clip_audio", "omni_caption_image", "omni_caption_audio", "omni_ocr_image",
        "omni_understand_video_segments", "omni_recall_media_memory",
        // 0.15.10's names that 0.24 renamed or dropped, for a user who pins the older release.
        "read_many_files",
    ];
}
