using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Wrapper.Server.Core;
using Wrapper.Server.Images;

namespace Wrapper.Server.Providers.Qwen;

/// <summary>
/// Earlier turns as a Qwen Code chat recording that <c>qwen --resume &lt;id&gt;</c> replays to the model
/// as Chat Completions messages (docs/cli/REPORT.md §11, "Qwen Code (0.24.4)"): one JSON record a line,
/// chained by <c>uuid</c>/<c>parentUuid</c>, each holding a Gemini-style content: <c>user</c> records
/// (text and <c>inlineData</c> image parts), <c>assistant</c> records (role <c>model</c>: text and
/// <c>functionCall</c> parts with the client's ids) and <c>tool_result</c> records (a
/// <c>functionResponse</c> under the same id). The CLI turns them into user, assistant with
/// <c>tool_calls</c>, and <c>tool</c> messages.
/// </summary>
internal static partial class QwenSession
{
    /// <summary>Quotes in arguments stay quotes, as the CLI writes them (the file is read as JSON, never as HTML).</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The version whose format this writes (the pinned CLI).</summary>
    private const string CliVersion = "0.24.4";

    /// <summary>
    /// Writes the session where the CLI looks it up for <paramref name="workDirectory"/>
    /// (<c>$QWEN_HOME/projects/&lt;working directory, every other character than a letter or digit a dash&gt;/chats/&lt;id&gt;.jsonl</c>)
    /// and returns its path.
    /// </summary>
    public static string Write(string qwenHome, Guid sessionId, string workDirectory, IReadOnlyList<ConversationMessage> turns,
        Func<string, string> callName, DateTimeOffset now)
    {
        var folder = CliHome.Directory(qwenHome, Path.Combine("projects", ProjectFolder(workDirectory), "chats"));
        var path = Path.Combine(folder, sessionId + ".jsonl");
        CliHome.WriteFile(path, Render(sessionId, workDirectory, turns, callName, now));
        return path;
    }

    /// <summary>
    /// The conversation's id (<see cref="ResumedConversation.SessionId"/>) with the version nibble of a
    /// name-based UUID: <c>--resume</c> takes only ids of versions 1-5 (isValidSessionId in its bundle), any
    /// other text is looked up as a session title.
    /// </summary>
    public static Guid Id(Guid conversation)
    {
        var bytes = conversation.ToByteArray(bigEndian: true);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The CLI's project folder name for a working directory (sanitizeCwd in its bundle).</summary>
    public static string ProjectFolder(string workDirectory) =>
        NotLetterOrDigit().Replace(OperatingSystem.IsWindows() ? workDirectory.ToLowerInvariant() : workDirectory, "-");

    /// <summary>
    /// The note the CLI puts before the prompt of every run's first user message (its date as Node's
    /// <c>toLocaleDateString("en-US")</c> writes it). It is no part of the CLI's own recording; written
    /// back before each earlier prompt, the resumed turns repeat what the model saw on the turn before.
    /// </summary>
    public static string DateNote(DateTime today) =>
        "<system-reminder>\nThe current date is: " + today.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture)
        + ". Note: This is the authoritative current date \u2014 it may differ from the \"Today's date\" mentioned earlier in the conversation startup context.\n</system-reminder>";

    /// <summary>
    /// The text the CLI sends for a prompt read from stdin: it appends a blank line (the stdin text and
    /// an empty <c>--prompt</c> joined by one).
    /// </summary>
    public static string PromptText(string stdin) => stdin + "\n\n";

    /// <summary>The file's text: one record a line. Consecutive user messages were one earlier prompt, so they make one record.</summary>
    public static string Render(Guid sessionId, string workDirectory, IReadOnlyList<ConversationMessage> turns,
        Func<string, string> callName, DateTimeOffset now)
    {
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var dateNote = DateNote(now.LocalDateTime);
        var calls = turns.SelectMany(t => t.ToolCalls).Where(c => c.Id is not null).GroupBy(c => c.Id!).ToDictionary(g => g.Key, g => g.First().Name ?? "");
        var text = new StringBuilder();
        string? parent = null;
        void Record(string type, string role, JsonArray parts)
        {
            var uuid = Guid.NewGuid().ToString();
            var record = new JsonObject
            {
                ["uuid"] = uuid, ["parentUuid"] = parent, ["sessionId"] = sessionId.ToString(), ["timestamp"] = timestamp,
                ["type"] = type, ["cwd"] = workDirectory, ["version"] = CliVersion,
                ["message"] = new JsonObject { ["role"] = role, ["parts"] = parts },
            };
            text.Append(record.ToJsonString(Json)).Append('\n');
            parent = uuid;
        }

        for (var i = 0; i < turns.Count; i++)
        {
            var turn = turns[i];
            switch (turn.Role)
            {
                case ConversationRole.User:
                    var prompt = new List<ConversationMessage> { turn };
                    while (i + 1 < turns.Count && turns[i + 1].Role == ConversationRole.User) prompt.Add(turns[++i]);
                    Record("user", "user", UserParts(prompt, dateNote));
                    break;
                case ConversationRole.Assistant:
                    var parts = new JsonArray();
                    if (turn.Text.Length > 0) parts.Add(new JsonObject { ["text"] = turn.Text });
                    foreach (var call in turn.ToolCalls)
                        parts.Add(new JsonObject { ["functionCall"] = new JsonObject { ["id"] = call.Id, ["name"] = callName(call.Name ?? ""), ["args"] = Arguments(call.Arguments) } });
                    if (parts.Count > 0) Record("assistant", "model", parts);
                    break;
                default:
                    var name = callName(turn.ToolCallId is { } id && calls.TryGetValue(id, out var called) ? called : turn.Name ?? "");
                    Record("tool_result", "user", [new JsonObject
                    {
                        ["functionResponse"] = new JsonObject { ["id"] = turn.ToolCallId, ["name"] = name, ["response"] = new JsonObject { ["output"] = turn.Text } },
                    }]);
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>The date note, the prompt's text as the CLI sent it, then the prompt's images as inline parts.</summary>
    private static JsonArray UserParts(IReadOnlyList<ConversationMessage> prompt, string dateNote)
    {
        var parts = new JsonArray { new JsonObject { ["text"] = dateNote } };
        var body = string.Join("\n\n", prompt.Select(m => m.Text).Where(t => t.Length > 0));
        parts.Add(new JsonObject { ["text"] = PromptText(body) });
        foreach (var image in prompt.SelectMany(m => m.Images))
            parts.Add(ImagePart(image.Url));
        return parts;
    }

    /// <summary>A data URL as an inline image; a link as a file reference (the CLI sends both as <c>image_url</c> parts).</summary>
    private static JsonObject ImagePart(string url)
    {
        if (Base64DataUrl.TryParse(url, out var mediaType, out var data) && mediaType.Length > 0)
            return new JsonObject { ["inlineData"] = new JsonObject { ["mimeType"] = mediaType, ["data"] = url[data..] } };
        return new JsonObject { ["fileData"] = new JsonObject { ["mimeType"] = "image/*", ["fileUri"] = url } };
    }

    /// <summary>The call's arguments as the object the CLI keeps; text that is no JSON object goes as it is, under <c>input</c>.</summary>
    private static JsonNode Arguments(string? arguments)
    {
        try
        {
            if (JsonNode.Parse(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments) is JsonObject parsed) return parsed;
        }
        catch (JsonException)
        {
        }
        return new JsonObject { ["input"] = arguments };
    }

    [GeneratedRegex("[^a-zA-Z0-9]")]
    private static partial Regex NotLetterOrDigit();
}
