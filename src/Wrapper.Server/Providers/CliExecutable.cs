namespace Wrapper.Server.Providers;

/// <summary>A CLI's configured path and what to tell a user who does not have it.</summary>
internal sealed record CliExecutable(string DisplayName, string Setting, string ConfiguredPath, string InstallCommand);
