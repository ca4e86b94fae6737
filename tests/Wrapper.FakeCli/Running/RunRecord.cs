using System.Collections;
using System.Text.Json;
using Wrapper.FakeCli.Input;

namespace Wrapper.FakeCli.Running;

/// <summary>
/// FAKE:record &lt;dir&gt;: what this process received, as &lt;dir&gt;/&lt;pid&gt;.json plus the raw &lt;dir&gt;/&lt;pid&gt;.stdin.
/// Both are written to a temporary name and renamed, the .stdin first, so a reader that sees the
/// .json can read everything at once.
/// </summary>
internal sealed record RunRecord(IReadOnlyList<string> Args, string Cwd, StdinPayload Stdin, string? SystemPrompt, int? ChildPid)
{
    public static void Write(string directory, RunRecord record)
    {
        Directory.CreateDirectory(directory);
        var pid = Environment.ProcessId;
        WriteAtomically(directory, $"{pid}.stdin", record.Stdin.Bytes);
        WriteAtomically(directory, $"{pid}.json", record.ToJson(pid));
    }

    private byte[] ToJson(int pid)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("pid", pid);
            json.WriteStartArray("argv");
            foreach (var arg in Args) json.WriteStringValue(arg);
            json.WriteEndArray();
            json.WriteString("cwd", Cwd);
            json.WriteStartObject("env");
            foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
                json.WriteString((string)variable.Key, (string?)variable.Value);
            json.WriteEndObject();
            json.WriteNumber("stdinLength", Stdin.Bytes.LongLength);
            json.WriteString("stdinSha256", Stdin.Sha256Hex);
            json.WriteString("systemPrompt", SystemPrompt);
            json.WriteStartArray("images");
            foreach (var image in Stdin.Images)
            {
                json.WriteStartObject();
                json.WriteString("mediaType", image.MediaType);
                json.WriteNumber("length", image.Length);
                json.WriteString("sha256", image.Sha256);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (ChildPid is { } child) json.WriteNumber("childPid", child);
            else json.WriteNull("childPid");
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteAtomically(string directory, string name, byte[] content)
    {
        // The temporary name matches neither *.json nor *.stdin, so directory watchers ignore it.
        var temporary = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, Path.Combine(directory, name), overwrite: true);
    }
}
