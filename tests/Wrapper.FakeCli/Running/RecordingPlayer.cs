using System.Text.Json.Nodes;
using Wrapper.FakeCli.Output;

namespace Wrapper.FakeCli.Running;

/// <summary>
/// FAKE:replay &lt;name&gt;: writes Recordings/&lt;name&gt;.txt (exact stdout of a real run) line by line, its
/// .stderr.txt if any, and exits with the "rc" of its .meta.json (0 when there is none).
/// </summary>
internal static class RecordingPlayer
{
    private const int UnknownRecording = 2;

    public static async Task<int> PlayAsync(string name, JsonLines stdout, TimeSpan lineDelay)
    {
        name = name.EndsWith(".txt", StringComparison.Ordinal) ? name[..^4] : name;
        var folder = Path.Combine(AppContext.BaseDirectory, "Recordings");
        var recording = Path.Combine(folder, name + ".txt");
        if (name.IndexOfAny(['/', '\\']) >= 0 || !File.Exists(recording))
        {
            await Console.Error.WriteLineAsync($"fake-cli: no recording named '{name}' in {folder}");
            return UnknownRecording;
        }

        var first = true;
        foreach (var line in File.ReadLines(recording))
        {
            if (!first && lineDelay > TimeSpan.Zero) await Task.Delay(lineDelay);
            stdout.WriteText(line);
            first = false;
        }

        var stderr = Path.Combine(folder, name + ".stderr.txt");
        if (File.Exists(stderr)) await Console.Error.WriteAsync(await File.ReadAllTextAsync(stderr));
        return ExitCode(Path.Combine(folder, name + ".meta.json"));
    }

    private static int ExitCode(string metaPath) =>
        File.Exists(metaPath) && JsonNode.Parse(File.ReadAllText(metaPath))?["rc"] is JsonValue rc ? rc.GetValue<int>() : 0;
}
