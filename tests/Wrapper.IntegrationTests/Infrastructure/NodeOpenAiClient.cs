using System.Diagnostics;
using System.Text.Json;

namespace Wrapper.IntegrationTests.Infrastructure;

/// <summary>Runs NodeClients/openai-client.mjs: the npm <c>openai</c> package talking to the gateway.</summary>
internal static class NodeOpenAiClient
{
    private static readonly string Script =
        Path.Combine(NodePackages.RepositoryRoot, "tests", "Wrapper.IntegrationTests", "NodeClients", "openai-client.mjs");

    public static async Task<JsonElement> ChatAsync(TestGateway gateway, bool stream, string model, string message)
    {
        await NodePackages.EnsureInstalledAsync();
        var startInfo = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Script, new Uri(gateway.BaseUrl, "v1").ToString(), stream ? "stream" : "plain", model, message })
            startInfo.ArgumentList.Add(argument);
        using var node = Process.Start(startInfo)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.That(node.ExitCode, Is.Zero, errors);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
