namespace Wrapper.Server.Tools;

/// <summary>XML tool-format detection settings (the seed's names and defaults). Keys are environment variable names.</summary>
internal sealed record XmlToolOptions
{
    /// <summary>Score at which a request without <c>tools</c> is taken to expect XML tool tags.</summary>
    [ConfigurationKeyName("XML_CONFIDENCE_THRESHOLD")] public double ConfidenceThreshold { get; init; } = 5.0;

    /// <summary>Comma-separated tool names that count as evidence when they appear as tags or names.</summary>
    [ConfigurationKeyName("XML_KNOWN_TOOLS")]
    public string KnownTools { get; init; } =
        "attempt_completion,ask_followup_question,read_file,write_to_file,run_command,str_replace_editor,search_files,list_files,new_task,apply_diff,execute_command,switch_mode,update_todo_list,replace_in_file,list_code_definition_names,browser_action,use_mcp_tool,access_mcp_resource,plan_mode_respond";

    public IReadOnlyList<string> KnownToolList =>
        KnownTools.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
