using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Wrapper.TestSupport;

// The gateway's overhead over the CLI it runs, measured in one run so the ratio holds on any machine:
// the fake CLI started directly (as the gateway starts it: arguments, stdin, read to the end) versus
// the same CLI behind the gateway, non-streamed and streamed (time to the first content chunk).
const int Runs = 25;
var fakeCli = FakeCliPath();
var prompt = "FAKE:reply The quick brown fox jumps over the lazy dog";
string[] arguments = ["-p", "--output-format", "stream-json", "--verbose", "--include-partial-messages", "--model", "claude-sonnet-4-5", "--tools", ""];

var direct = await MeasureAsync(() => RunDirectAsync(fakeCli, arguments, prompt));
await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["CLAUDE_CLI_PATH"] = fakeCli });
var plain = await MeasureAsync(() => PostAsync(gateway, prompt, stream: false));
var firstChunk = await MeasureAsync(() => PostAsync(gateway, prompt, stream: true));

Console.WriteLine($"runs each: {Runs} (medians)");
Console.WriteLine($"CLI started directly:            {direct:F1} ms");
Console.WriteLine($"through the gateway, whole JSON: {plain:F1} ms   ratio {plain / direct:F2}   overhead {plain - direct:F1} ms");
Console.WriteLine($"through the gateway, streamed:   {firstChunk:F1} ms to the first content chunk   ratio {firstChunk / direct:F2}");
Console.WriteLine($"gateway process working set:     {Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024)} MiB (includes this benchmark)");

static async Task<double> MeasureAsync(Func<Task> run)
{
    await run(); // warm-up: JIT, connection pool
    var times = new List<double>();
    for (var i = 0; i < Runs; i++)
    {
        var clock = Stopwatch.StartNew();
        await run();
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}

static async Task RunDirectAsync(string cli, string[] arguments, string prompt)
{
    var startInfo = new ProcessStartInfo(cli) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
    using var process = Process.Start(startInfo)!;
    await process.StandardInput.WriteAsync(prompt);
    process.StandardInput.Close();
    await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
}

static async Task PostAsync(TestGateway gateway, string prompt, bool stream)
{
    var body = new JsonObject
    {
        ["model"] = "claude-sonnet-4-5",
        ["stream"] = stream,
        ["messages"] = new JsonArray { new JsonObject { ["role"] = "user", ["content"] = prompt } },
    };
    using var response = await gateway.Client.PostAsJsonAsync("v1/chat/completions", body);
    if (!stream)
    {
        await response.Content.ReadAsStringAsync();
        return;
    }
    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
    while (await reader.ReadLineAsync() is { } line)
        if (line.Contains("\"content\":\"The", StringComparison.Ordinal)) return;
}

static string FakeCliPath()
{
    var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
    var tests = here.Parent!.Parent!.Parent!.Parent!.FullName;
    return Path.Combine(tests, "Wrapper.FakeCli", "bin", here.Parent.Name, here.Name, "Wrapper.FakeCli");
}
