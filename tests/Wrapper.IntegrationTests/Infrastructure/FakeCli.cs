using System.Text.Json;

namespace Wrapper.IntegrationTests.Infrastructure;

/// <summary>The fake CLI executable (tests/Wrapper.FakeCli) and the directives it obeys.</summary>
internal static class FakeCli
{
    /// <summary>Built next to this project by the ProjectReference; same configuration and framework.</summary>
    public static string Path { get; } = Locate();

    /// <summary>A user message carrying directives, one per line (e.g. <c>"reply Hi there"</c>, <c>"hang"</c>).</summary>
    public static string Directives(params string[] directives) =>
        string.Join('\n', directives.Select(d => "FAKE:" + d));

    /// <summary>Waits for the record the fake writes at start (it proves the process is running).</summary>
    public static async Task<FakeCliRecord> WaitForRecordAsync(string directory, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var file = Directory.GetFiles(directory, "*.json").FirstOrDefault();
            if (file is not null) return Read(file);
            await Task.Delay(20);
        }
        throw new TimeoutException($"The fake CLI wrote no record in {directory}.");
    }

    public static FakeCliRecord Read(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var root = document.RootElement;
        return new FakeCliRecord(
            Pid: root.GetProperty("pid").GetInt32(),
            Argv: [.. root.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!)],
            Cwd: root.GetProperty("cwd").GetString()!,
            Environment: root.GetProperty("env").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""),
            StdinLength: root.GetProperty("stdinLength").GetInt64(),
            StdinSha256: root.GetProperty("stdinSha256").GetString()!,
            SystemPrompt: root.GetProperty("systemPrompt").GetString(),
            ChildPid: root.TryGetProperty("childPid", out var child) && child.ValueKind == JsonValueKind.Number ? child.GetInt32() : null,
            Images: root.TryGetProperty("images", out var images)
                ? [.. images.EnumerateArray().Select(i => new FakeCliImage(i.GetProperty("mediaType").GetString()!, i.GetProperty("length").GetInt32(), i.GetProperty("sha256").GetString()!))]
                : [],
            Stdin: File.ReadAllText(System.IO.Path.ChangeExtension(file, ".stdin")));
    }

    private static string Locate()
    {
        // .../tests/Wrapper.IntegrationTests/bin/<Configuration>/<tfm>/ → .../tests/Wrapper.FakeCli/bin/<Configuration>/<tfm>/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var tests = here.Parent.Parent!.Parent!.Parent!.FullName;
        var name = OperatingSystem.IsWindows() ? "Wrapper.FakeCli.exe" : "Wrapper.FakeCli";
        var path = System.IO.Path.Combine(tests, "Wrapper.FakeCli", "bin", configuration, framework, name);
        return File.Exists(path) ? path : throw new FileNotFoundException("Build tests/Wrapper.FakeCli first.", path);
    }
}

internal sealed record FakeCliRecord(
    int Pid,
    IReadOnlyList<string> Argv,
    string Cwd,
    IReadOnlyDictionary<string, string> Environment,
    long StdinLength,
    string StdinSha256,
    string? SystemPrompt,
    int? ChildPid,
    IReadOnlyList<FakeCliImage> Images,
    string Stdin)
{
    /// <summary>
    /// The prompt as the CLI reads it: stdin itself, or the text of the stream-json user message a
    /// warm process gets (one message per line; the record holds the last one).
    /// </summary>
    public string PromptText => Stdin.StartsWith("{\"type\":\"user\"", StringComparison.Ordinal)
        ? string.Concat(JsonDocument.Parse(Stdin).RootElement.GetProperty("message").GetProperty("content").EnumerateArray()
            .Where(block => block.GetProperty("type").GetString() == "text").Select(block => block.GetProperty("text").GetString()))
        : Stdin;

    /// <summary>
    /// The request's sandbox: the parent of the CLI's TMPDIR, which every CLI gets in its sandbox (its
    /// working directory is the sandbox's own too, except Claude Code's one fixed folder: README "Agent loops").
    /// </summary>
    public string SandboxPath => System.IO.Path.GetDirectoryName(Environment.TryGetValue("TMPDIR", out var temp) ? temp : Cwd)!;
}

/// <summary>An image block the fake CLI received.</summary>
internal sealed record FakeCliImage(string MediaType, int Length, string Sha256);
