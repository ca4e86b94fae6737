using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wrapper.Server.Core;
using Wrapper.Server.Warm;

namespace Wrapper.Server.Continuation;

/// <summary>
/// A hash of a conversation in canonical form, under everything fixed when its CLI started (the
/// <see cref="WarmKey"/>: provider, client, model, system prompt, tools, output limit): two requests
/// digest alike only when a process started for one has seen exactly the other's conversation.
/// Assistant text is compared without surrounding white space (clients send an empty turn as "" or
/// null, and some trim the answer they echo back) and tool arguments as JSON values (clients
/// re-serialise them).
/// </summary>
internal static class ConversationDigest
{
    public static string Of(WarmKey key, IEnumerable<ConversationMessage> messages)
    {
        using var hash = Start(key);
        foreach (var message in messages) Append(hash, message);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The digest of each prefix: element i is <see cref="Of"/> the first i + 1 messages.</summary>
    public static IReadOnlyList<string> Prefixes(WarmKey key, IReadOnlyList<ConversationMessage> messages)
    {
        using var hash = Start(key);
        var digests = new List<string>(messages.Count);
        foreach (var message in messages)
        {
            Append(hash, message);
            digests.Add(Convert.ToHexStringLower(hash.GetCurrentHash()));
        }
        return digests;
    }

    private static IncrementalHash Start(WarmKey key)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Field(hash, key.Provider);
        Field(hash, key.Hash);
        return hash;
    }

    private static void Append(IncrementalHash hash, ConversationMessage message)
    {
        Field(hash, message.Role.ToString());
        Field(hash, message.Role == ConversationRole.Assistant ? message.Text.Trim() : message.Text);
        Field(hash, message.ToolCallId);
        Field(hash, message.Name);
        foreach (var image in message.Images) Field(hash, image.Url);
        foreach (var call in message.ToolCalls)
        {
            Field(hash, call.Id);
            Field(hash, call.Name);
            Field(hash, CanonicalArguments(call.Arguments));
        }
    }

    private static void Field(IncrementalHash hash, string? value) =>
        hash.AppendData(Encoding.UTF8.GetBytes($"{value?.Length ?? -1}:{value}\n"));

    /// <summary>Arguments as compact JSON; anything that is not JSON as it is.</summary>
    public static string CanonicalArguments(string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments)) return "{}";
        try
        {
            return JsonNode.Parse(arguments)?.ToJsonString() ?? "null";
        }
        catch (JsonException)
        {
            return arguments;
        }
    }
}
