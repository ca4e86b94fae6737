using System.Diagnostics;

namespace Wrapper.IntegrationTests;

/// <summary>The samples in samples/ run against the gateway (with the fake CLI) and do what they say.</summary>
public sealed class SamplesTests : SharedGatewayFixture
{
    // Scripts the fake model: text, and a call to the sample's tool when the request offers it.
    private const string Suffix = "\nFAKE:reply Paris is sunny\nFAKE:tool mcp__w__get_weather {\"city\":\"Paris\"}";

    [Test, CancelAfter(60_000)]
    public async Task The_dotnet_sample_gets_an_answer_a_stream_and_a_tool_call(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var dll = Path.Combine(NodePackages.RepositoryRoot, "samples", "dotnet", "bin", Configuration(), "net10.0", "Wrapper.Samples.dll");

        var output = await RunAsync("dotnet", [dll], gateway);

        Assert.That(output, Does.Contain("answer: Paris is sunny"));
        Assert.That(output, Does.Contain("stream: Paris is sunny"));
        Assert.That(output, Does.Contain("tool call: get_weather({\"city\":\"Paris\"})"));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_Anthropic_dotnet_sample_gets_an_answer_a_stream_and_a_tool_call_through_the_Messages_API(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var dll = Path.Combine(NodePackages.RepositoryRoot, "samples", "anthropic-dotnet", "bin", Configuration(), "net10.0", "Wrapper.Samples.Anthropic.dll");

        // The Anthropic SDK's base URL is the gateway's root: it adds /v1/messages itself.
        var output = await RunAsync("dotnet", [dll], gateway, gateway.BaseUrl.ToString().TrimEnd('/'));

        Assert.That(output, Does.Contain("answer: Paris is sunny"));
        Assert.That(output, Does.Contain("stream: Paris is sunny"));
        Assert.That(output, Does.Contain("tool call: get_weather({\"city\":\"Paris\"})"));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_node_sample_gets_an_answer_a_stream_and_a_tool_call(CancellationToken cancellationToken)
    {
        await NodePackages.EnsureInstalledAsync();
        var gateway = await SharedGatewayAsync();

        var output = await RunAsync("node", [Path.Combine(NodePackages.RepositoryRoot, "samples", "node", "chat.mjs")], gateway);

        Assert.That(output, Does.Contain("answer: Paris is sunny"));
        Assert.That(output, Does.Contain("stream: Paris is sunny"));
        Assert.That(output, Does.Contain("tool call: get_weather({\"city\":\"Paris\"})"));
    }

    [Test, CancelAfter(60_000)]
    public async Task The_node_responses_sample_gets_an_answer_a_stream_a_tool_call_and_continues_by_id(CancellationToken cancellationToken)
    {
        await NodePackages.EnsureInstalledAsync();
        var gateway = await SharedGatewayAsync();

        var output = await RunAsync("node", [Path.Combine(NodePackages.RepositoryRoot, "samples", "node", "responses.mjs")], gateway);

        Assert.That(output, Does.Contain("answer: Paris is sunny"));
        Assert.That(output, Does.Contain("stream: Paris is sunny"));
        Assert.That(output, Does.Contain("tool call: get_weather({\"city\":\"Paris\"})"));
        // The follow-up continues the stored conversation, whose prompt still scripts a tool call.
        Assert.That(output, Does.Contain("after the tool: Paris is sunny"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_python_sample_is_valid_python_and_where_openai_is_installed_gets_an_answer_a_stream_and_a_tool_call(CancellationToken cancellationToken)
    {
        // Debian has no python3-openai and PyPI is not reachable from every machine that runs these
        // tests: the sample is always parsed, and run in full wherever the openai package is installed.
        var script = Path.Combine(NodePackages.RepositoryRoot, "samples", "python", "chat.py");
        if (!await SucceedsAsync("python3", ["--version"])) Assert.Ignore("python3 is not installed");
        Assert.That(await SucceedsAsync("python3", ["-c", "import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])", script]), Is.True, "chat.py parses");
        if (!await SucceedsAsync("python3", ["-c", "import openai"])) Assert.Ignore("chat.py parses; the Python openai package is not installed here, so it was not run");
        var gateway = await SharedGatewayAsync();

        var output = await RunAsync("python3", [script], gateway);

        Assert.That(output, Does.Contain("answer: Paris is sunny"));
        Assert.That(output, Does.Contain("stream: Paris is sunny"));
        Assert.That(output, Does.Contain("tool call: get_weather({\"city\":\"Paris\"})"));
    }

    private static async Task<bool> SucceedsAsync(string program, string[] arguments)
    {
        try
        {
            var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
            using var process = Process.Start(startInfo)!;
            await Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync(), process.WaitForExitAsync());
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }

    private static async Task<string> RunAsync(string program, string[] arguments, TestGateway gateway, string? baseUrl = null)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        startInfo.Environment["WRAPPER_BASE_URL"] = baseUrl ?? new Uri(gateway.BaseUrl, "v1").ToString();
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
