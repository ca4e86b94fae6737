namespace Wrapper.Server.Core;

/// <summary>
/// The <c>-progress</c> model suffix (the seed's name): <c>claude-sonnet-4-5-progress</c> is
/// <c>claude-sonnet-4-5</c> with progress markers streamed while the CLI works.
/// </summary>
internal static class ProgressModels
{
    public const string Suffix = "-progress";

    public static bool IsProgressModel(string model) => model.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase) && model.Length > Suffix.Length;

    public static string BaseModel(string model) => IsProgressModel(model) ? model[..^Suffix.Length] : model;

    public static string WithProgress(string model) => model + Suffix;
}
