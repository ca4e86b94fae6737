using System.Security.Cryptography;
using System.Text;
using Wrapper.Server.Continuation;
using Wrapper.Server.Core;
using Wrapper.Server.Warm;

namespace Wrapper.Server.Providers;

/// <summary>
/// A conversation split for a CLI that resumes a session it finds on disk: the earlier turns, written
/// in the CLI's session format, and the latest input, which the CLI reads as its prompt. The latest
/// input is the user messages after the last assistant turn and its tool results; when a turn ends
/// with tool results alone (an agent loop), the CLIs still need a prompt, so <see cref="ContinueNote"/>
/// stands in for it. The same note is written back after every earlier run of tool results that an
/// assistant turn follows, so each turn's session repeats the one before it exactly (a stable prefix).
/// </summary>
internal sealed record ResumedConversation(IReadOnlyList<ConversationMessage> Earlier, IReadOnlyList<ConversationMessage> Latest)
{
    /// <summary>The prompt of a turn that brings tool results and no user message.</summary>
    public const string ContinueNote = "Continue with the tool results above.";

    /// <summary>True when there is an earlier assistant turn to resume.</summary>
    public static bool HasHistory(CompletionRequest request) => request.Messages.Any(m => m.Role == ConversationRole.Assistant);

    /// <summary>
    /// The name the CLI offered a client tool under (<paramref name="toolNames"/>: CLI name to client
    /// name), for earlier calls written into its session; a tool not offered now keeps the CLI's prefix.
    /// </summary>
    public static Func<string, string> CliToolNames(IReadOnlyDictionary<string, string>? toolNames, string prefix)
    {
        var byClientName = (toolNames ?? new Dictionary<string, string>()).ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        return clientName => byClientName.GetValueOrDefault(clientName, prefix + clientName);
    }

    /// <summary>
    /// The session id for a conversation: the same on every turn of it (its client, model, system
    /// prompt, tools and first message), so what a CLI derives from the id (Codex: the
    /// <c>prompt_cache_key</c> and its items' ids) repeats from turn to turn and a prefix cache can hit;
    /// another client's conversation never gets it. A UUID of version 8 (RFC 9562, custom).
    /// </summary>
    public static Guid SessionId(string provider, CompletionRequest request)
    {
        var digest = ConversationDigest.Of(WarmKey.For(provider, request), request.Messages.Take(1));
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(digest))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public static ResumedConversation Of(IReadOnlyList<ConversationMessage> messages)
    {
        var start = messages.Count;
        while (start > 0 && messages[start - 1].Role == ConversationRole.User) start--;
        return new ResumedConversation([.. messages.Take(start)], [.. messages.Skip(start)]);
    }

    /// <summary>
    /// The earlier turns with <see cref="ContinueNote"/> as a user message wherever tool results are
    /// followed directly by an assistant turn (where an earlier request's prompt was the note).
    /// </summary>
    public IReadOnlyList<ConversationMessage> EarlierWithNotes()
    {
        var turns = new List<ConversationMessage>(Earlier.Count);
        for (var i = 0; i < Earlier.Count; i++)
        {
            if (i > 0 && Earlier[i].Role == ConversationRole.Assistant && Earlier[i - 1].Role == ConversationRole.Tool)
                turns.Add(new ConversationMessage(ConversationRole.User, ContinueNote));
            turns.Add(Earlier[i]);
        }
        return turns;
    }

    /// <summary>True when the latest input is only tool results: the prompt is <see cref="ContinueNote"/>.</summary>
    public bool EndsWithToolResults => Latest.Count == 0;
}
