using Wrapper.FakeCli.Impersonations.Claude;

namespace Wrapper.FakeCli.Impersonations;

/// <summary>
/// Picks the CLI to impersonate from argv. Adding gemini/qwen/codex = one folder + one entry here,
/// placed before claude, which is the fallback and recognises anything.
/// </summary>
internal static class ImpersonationCatalog
{
    private static readonly IImpersonation[] All = [new ClaudeImpersonation()];

    public static IImpersonation Select(IReadOnlyList<string> args) => All.First(i => i.Recognizes(args));
}
