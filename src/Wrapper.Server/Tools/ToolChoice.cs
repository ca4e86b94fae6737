namespace Wrapper.Server.Tools;

/// <summary>Which tools the model may or must call: none, any (auto), at least one (required), or one named function.</summary>
internal sealed record ToolChoice(ToolChoiceMode Mode, string? FunctionName = null)
{
    public static readonly ToolChoice Auto = new(ToolChoiceMode.Auto);
    public static readonly ToolChoice None = new(ToolChoiceMode.None);
    public static readonly ToolChoice Required = new(ToolChoiceMode.Required);
}

internal enum ToolChoiceMode
{
    Auto,
    None,
    Required,
    Function,
}
