using System.Diagnostics;

namespace Wrapper.IntegrationTests;

/// <summary>The samples in samples/ run against the gateway (with the fake CLI) and do what they say.</summary>
public sealed class SamplesTests
{
    // Scripts the fake model: text, and a call to the sample's tool when the request offers it.
    private const string Suffix = "\nFAKE:reply Paris is sunny\nFAKE:tool mcp__w__get_weather {\"city\":\"Paris\"}";

    [Test]
    public async Task The_dotnet_sample_gets_an_answer_a_stream_and_a_tool_call()
    {
        await using var gateway = await FakeGateway.StartAsync();
        var dll = Path.Combine(NodePackages.RepositoryRoot, "samples", "dotnet", "bin", Configuration(), "net10.0", "Wrapper.Samples.dll");

        var output = await RunAsync("dotnet", [dll], gateway);

        Assert.That(output, Does.Contain("answer: Paris is sunny"));
        Assert.That(output, Does.Contain("stream: Paris is sunny"));
        Assert.That(output, Does.Contain("tool call: get_weather({\"city\":\"Paris\"})"));
    }

    [Test]
    public async Task The_node_sample_gets_an_answer_a_stream_and_a_tool_call()
    {
        await NodePackages.EnsureInstalledAsync();
        await using var gateway = await FakeGateway.StartAsync();

        var output = await RunAsync("node", [Path.Combine(NodePackages.RepositoryRoot, "samples", "node", "chat.mjs")], gateway);

        Assert.That(output, Does.Contain("answer: Paris is sunny"));
        Assert.That(output, Does.Contain("stream: Paris is sunny"));
        Assert.That(output, Does.Contain("tool call: get_weather({\"city\":\"Paris\"})"));
    }

    private static async Task<string> RunAsync(string program, string[] arguments, TestGateway gateway)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        startInfo.Environment["WRAPPER_BASE_URL"] = new Uri(gateway.BaseUrl, "v1").ToString();
        startInfo.Environment["WRAPPER_PROMPT_SUFFIX"] = Suffix;
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await errors);
        return await output;
    }

    /// <summary>The build configuration of these tests (Debug or Release), which the sample shares.</summary>
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
