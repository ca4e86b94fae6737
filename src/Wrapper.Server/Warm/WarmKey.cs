using System.Security.Cryptography;
using System.Text;
using Wrapper.Server.Core;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Warm;

/// <summary>
/// Everything fixed when a CLI process starts, as one hash: a warm process serves only requests
/// whose key equals the one it was started for, so nothing of one client's set-up (system prompt,
/// tools, output limit) can reach another's request, and no process crosses clients.
/// </summary>
internal sealed record WarmKey(string Provider, string Hash)
{
    public static WarmKey For(string provider, CompletionRequest request)
    {
        var text = new StringBuilder();
        void Field(string? value) => text.Append(value?.Length ?? -1).Append(':').Append(value).Append('\n');
        Field(provider);
        Field(request.ClientIdentity);
        Field(request.CliModel);
        Field(request.SystemPrompt);
        Field(ToolInstructions.For(request));
        Field(request.MaxOutputTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var tool in request.OfferedTools)
        {
            Field(tool.Name);
            Field(tool.Description);
            Field(tool.InputSchema.GetRawText());
        }
        return new WarmKey(provider, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))));
    }

    /// <summary>What the CLI gate knows the key by: a request of this key goes first to a slot where its process is ready.</summary>
    public string Affinity => Provider + ":" + Hash;

    public override string ToString() => $"{Provider}:{Hash[..12]}";
}
