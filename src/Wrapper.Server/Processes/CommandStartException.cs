namespace Wrapper.Server.Processes;

/// <summary>The OS refused to start the process (missing file, no permission, argument list too long).</summary>
internal sealed class CommandStartException(string targetFilePath, Exception inner)
    : Exception($"Could not start '{targetFilePath}': {inner.Message}", inner)
{
    public string TargetFilePath { get; } = targetFilePath;
}
