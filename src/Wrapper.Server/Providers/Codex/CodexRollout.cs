using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.Server.Core;

namespace Wrapper.Server.Providers.Codex;

/// <summary>
/// Earlier turns as a Codex session ("rollout") that <c>codex exec resume &lt;id&gt;</c> replays to the
/// model as Responses API input items (docs/cli/REPORT.md, "Codex: resuming a written session"): a
/// <c>session_meta</c> line, a <c>turn_context</c> line, then one <c>response_item</c> line per item: user and assistant
/// <c>message</c>s (with <c>input_image</c> parts), <c>function_call</c> (the namespace Codex offers the
/// client's tools under) and <c>function_call_output</c>.
/// </summary>
internal static class CodexRollout
{
    /// <summary>Quotes in arguments stay quotes, as Codex writes them (the file is read as JSON, never as HTML).</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The version whose format this writes (the pinned CLI).</summary>
    private const string CliVersion = "0.171.0";

    /// <summary>
    /// Writes the session under <c>$CODEX_HOME/sessions/YYYY/MM/DD/</c>, where Codex looks a thread id
    /// up, and returns its path.
    /// </summary>
    /// <param name="callNames">The client's tool names by (namespace, name) as the CLI offers them; calls to others keep their name.</param>
    public static string Write(
        string codexHome, Guid sessionId, string workDirectory, string model, IReadOnlyList<ConversationMessage> turns,
        IReadOnlyDictionary<string, (string? Namespace, string Name)> callNames, DateTimeOffset now)
    {
        var folder = Path.Combine(codexHome, "sessions", now.ToString("yyyy", CultureInfo.InvariantCulture),
            now.ToString("MM", CultureInfo.InvariantCulture), now.ToString("dd", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"rollout-{now.ToString("yyyy-MM-dd'T'HH-mm-ss", CultureInfo.InvariantCulture)}-{sessionId}.jsonl");
        CliHome.WriteFile(path, Render(sessionId, workDirectory, model, turns, callNames, now));
        return path;
    }

    /// <summary>The file's text: one JSON object a line.</summary>
    public static string Render(
        Guid sessionId, string workDirectory, string model, IReadOnlyList<ConversationMessage> turns,
        IReadOnlyDictionary<string, (string? Namespace, string Name)> callNames, DateTimeOffset now)
    {
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        void Line(string type, JsonObject payload) =>
            text.Append(new JsonObject { ["timestamp"] = timestamp, ["type"] = type, ["payload"] = payload }.ToJsonString(Json)).Append('\n');

        Line("session_meta", new JsonObject
        {
            ["id"] = sessionId.ToString(), ["timestamp"] = timestamp, ["cwd"] = workDirectory,
            ["originator"] = "codex_exec", ["cli_version"] = CliVersion, ["source"] = "exec",
        });
        // Without a turn context a resumed thread gets Codex's sub-agent tools (multi_agent_v1, about 11 KB a
        // call) whatever --disable says; these fields are the fewest it accepts (docs/cli/REPORT.md §11).
        Line("turn_context", new JsonObject
        {
            ["cwd"] = workDirectory, ["approval_policy"] = "never", ["model"] = model,
            ["sandbox_policy"] = new JsonObject { ["type"] = "read-only" }, ["multi_agent_version"] = "disabled",
        });
        foreach (var item in turns.SelectMany(turn => Items(turn, callNames))) Line("response_item", item);
        return text.ToString();
    }

    private static IEnumerable<JsonObject> Items(ConversationMessage turn, IReadOnlyDictionary<string, (string? Namespace, string Name)> callNames)
    {
        switch (turn.Role)
        {
            case ConversationRole.User:
                var content = new JsonArray();
                if (turn.Text.Length > 0) content.Add(new JsonObject { ["type"] = "input_text", ["text"] = turn.Text });
                foreach (var image in turn.Images) content.Add(new JsonObject { ["type"] = "input_image", ["image_url"] = image.Url });
                yield return Message("user", content);
                break;
            case ConversationRole.Assistant:
                if (turn.Text.Length > 0)
                    yield return Message("assistant", [new JsonObject { ["type"] = "output_text", ["text"] = turn.Text, ["annotations"] = new JsonArray() }]);
                foreach (var call in turn.ToolCalls)
                {
                    var item = new JsonObject { ["type"] = "function_call" };
                    var (ns, name) = callNames.TryGetValue(call.Name ?? "", out var offered) ? offered : (null, call.Name ?? "");
                    if (ns is not null) item["namespace"] = ns;
                    item["name"] = name;
                    item["arguments"] = call.Arguments ?? "{}";
                    item["call_id"] = call.Id ?? "";
                    yield return item;
                }
                break;
            default:
                yield return new JsonObject { ["type"] = "function_call_output", ["call_id"] = turn.ToolCallId ?? "", ["output"] = turn.Text };
                break;
        }
    }

    private static JsonObject Message(string role, JsonArray content) =>
        new() { ["type"] = "message", ["role"] = role, ["content"] = content };
}
