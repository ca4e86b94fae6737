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
/// null) and tool arguments as JSON values (clients re-serialise them).
/// </summary>
internal static class ConversationDigest
{
    public static string Of(WarmKey key, IEnumerable<ConversationMessage> messages)
    {
        var text = new StringBuilder();
        void Field(string? value) => text.Append(value?.Length ?? -1).Append(':').Append(value).Append('\n');
        Field(key.Provider);
        Field(key.Hash);
        foreach (var message in messages)
        {
            Field(message.Role.ToString());
            Field(message.Role == ConversationRole.Assistant ? message.Text.Trim() : message.Text);
            Field(message.ToolCallId);
            Field(message.Name);
            foreach (var image in message.Images) Field(image.Url);
            foreach (var call in message.ToolCalls)
            {
                Field(call.Id);
                Field(call.Name);
                Field(CanonicalArguments(call.Arguments));
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

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
