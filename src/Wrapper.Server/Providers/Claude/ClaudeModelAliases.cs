namespace Wrapper.Server.Providers.Claude;

/// <summary>
/// The alias ids <c>claude-opus</c>, <c>claude-sonnet</c> and <c>claude-haiku</c> follow the CLI: they are
/// handed to Claude Code as its own aliases (<c>opus</c>, <c>sonnet</c>, <c>haiku</c>), which each release
/// resolves to its current model (2.1.332: claude-opus-5-5, claude-sonnet-5-5, claude-haiku-5-5, shown in
/// its init event). Every other id goes to the CLI as given.
/// </summary>
internal static class ClaudeModelAliases
{
    private static readonly Dictionary<string, string> CliAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["claude-opus"] = "opus",
        ["claude-sonnet"] = "sonnet",
        ["claude-haiku"] = "haiku",
    };

    /// <summary>The value of <c>--model</c> for a requested id (without any -progress suffix).</summary>
    public static string ForCli(string model) => CliAliases.GetValueOrDefault(model, model);
}
