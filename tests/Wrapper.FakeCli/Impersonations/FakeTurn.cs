using Wrapper.FakeCli.Input;
using Wrapper.FakeCli.Output;
using Wrapper.FakeCli.Scripting;

namespace Wrapper.FakeCli.Impersonations;

/// <summary>Everything an impersonation needs to answer one prompt.</summary>
internal sealed record FakeTurn(
    IReadOnlyList<string> Args,
    string Cwd,
    StdinPayload Stdin,
    Script Script,
    JsonLines Stdout,
    TextWriter Stderr)
{
    /// <summary>The answer text: the scripted reply, or a digest of stdin for FAKE:echo-stdin.</summary>
    public string ReplyText => Script.EchoStdin
        ? $"stdin bytes={Stdin.Bytes.Length} sha256={Stdin.Sha256Hex}"
        : Script.Reply;

    public static string? Environment(string name) => System.Environment.GetEnvironmentVariable(name);
}
