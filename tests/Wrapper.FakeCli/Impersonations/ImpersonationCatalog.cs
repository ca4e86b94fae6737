using Wrapper.FakeCli.Impersonations.Claude;
using Wrapper.FakeCli.Impersonations.Codex;
using Wrapper.FakeCli.Impersonations.Gemini;
using Wrapper.FakeCli.Impersonations.Qwen;

namespace Wrapper.FakeCli.Impersonations;

/// <summary>
/// Picks the CLI to impersonate from argv. Adding gemini/qwen/codex = one folder + one entry here,
/// placed before claude, which is the fallback and recognises anything.
/// </summary>
internal static class ImpersonationCatalog
{
    private static readonly IImpersonation[] All = [new GeminiImpersonation(), new QwenImpersonation(), new CodexImpersonation(), new ClaudeImpersonation()];

    public static IImpersonation Select(IReadOnlyList<string> args) => All.First(i => i.Recognizes(args));
}
