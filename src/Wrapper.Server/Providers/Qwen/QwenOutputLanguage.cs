namespace Wrapper.Server.Providers.Qwen;

/// <summary>
/// Qwen Code adds its output-language rule file to the system prompt under a path relative to its
/// working directory: the one it writes into QWEN_HOME (a new folder each request, so a new path in every
/// system prompt), unless the working directory has its own <c>.qwen/output-language.md</c>
/// (loadCliConfig in its bundle). The shared working folder gets one, so the system prompt repeats
/// from turn to turn; it says what the CLI's default ("auto") says: answer in the user's language.
/// </summary>
internal static class QwenOutputLanguage
{
    private const string Rule = """
        # Output language preference: auto
        <!-- qwen-code:llm-output-language: auto -->

        Respond in the same language as the user's input, unless the user explicitly asks for another language.
        Keep code, commands, file paths, logs, JSON keys and identifiers unchanged.
        """;

    /// <summary>Writes the rule into <paramref name="workDirectory"/> once (every run reads the same text).</summary>
    /// <param name="workDirectory">The shared working folder.</param>
    /// <param name="scratch">A folder of the request's own on the same file system, where the file is written first.</param>
    public static void Provide(string workDirectory, string scratch)
    {
        var folder = CliHome.Directory(workDirectory, ".qwen");
        var path = Path.Combine(folder, "output-language.md");
        if (File.Exists(path) && File.ReadAllText(path) == Rule) return;
        // Written elsewhere and moved into place: a concurrent run never reads half a file, nor lists a stray one.
        var temporary = Path.Combine(scratch, $"output-language-{Guid.NewGuid():N}.md");
        CliHome.WriteFile(temporary, Rule);
        File.Move(temporary, path, overwrite: true);
    }
}
