using System.Diagnostics;

namespace Wrapper.EndToEndTests;

/// <summary><c>GET /v1/auth/status</c> with the real CLIs installed: versions through the process layer, auth by name.</summary>
public sealed class AuthStatusEndToEndTests
{
    [Test, CancelAfter(180_000)]
    public async Task Every_real_cli_reports_its_version_and_the_credential_it_would_use(CancellationToken cancellationToken)
    {
        var home = Directory.CreateTempSubdirectory("wrapper-e2e-home-").FullName;
        try
        {
            await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
            {
                ["CLAUDE_CLI_PATH"] = RealClis.ClaudePath,
                ["GEMINI_CLI_PATH"] = NodePackages.Bin("gemini"),
                ["QWEN_CLI_PATH"] = NodePackages.Bin("qwen"),
                ["CODEX_CLI_PATH"] = NodePackages.Bin("codex"),
                ["GEMINI_API_KEY"] = "gemini-secret-value",
                ["HOME"] = home,
            });
            var clock = Stopwatch.StartNew();

            using var response = await gateway.Client.GetAsync("/v1/auth/status", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var first = clock.Elapsed;
            using var again = await gateway.Client.GetAsync("/auth/status", cancellationToken);
            TestContext.Out.WriteLine($"first {first.TotalSeconds:F1} s, cached {(clock.Elapsed - first).TotalMilliseconds:F0} ms: {body}");

            var providers = (await response.JsonAsync(cancellationToken)).GetProperty("providers").EnumerateArray().ToDictionary(p => p.GetProperty("provider").GetString()!);
            Assert.That(body, Does.Not.Contain("gemini-secret-value"));
            // The version of whatever release is installed, not one pinned here: a bump must not fail this test.
            foreach (var (provider, package) in new[] { ("gemini", "@google/gemini-cli"), ("qwen", "@qwen-code/qwen-code"), ("codex", "@openai/codex"), ("claude", "@anthropic-ai/claude-code") })
                Assert.That(providers[provider].GetProperty("version").GetString(), Does.Contain(InstalledVersion(package)), provider);
            Assert.That(providers["gemini"].GetProperty("auth").GetString(), Is.EqualTo("GEMINI_API_KEY"));
            Assert.That(providers["qwen"].GetProperty("auth").GetString(), Is.EqualTo("none"));
            Assert.That(providers["codex"].GetProperty("auth").GetString(), Is.EqualTo("none"));
            Assert.That(Directory.EnumerateFileSystemEntries(home), Is.Empty, "--version touched nothing in the user's home");
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static string InstalledVersion(string package)
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(NodePackages.NodeModules, package, "package.json")));
        return manifest.RootElement.GetProperty("version").GetString()!;
    }
}
