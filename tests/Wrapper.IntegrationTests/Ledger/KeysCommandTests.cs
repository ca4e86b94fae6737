using System.Net;
using Microsoft.Extensions.Configuration;
using Wrapper.Server.Ledger;

namespace Wrapper.IntegrationTests.Ledger;

/// <summary><c>Wrapper.Server keys create|list|revoke</c> on the database a gateway uses.</summary>
public sealed class KeysCommandTests
{
    [Test, CancelAfter(90_000)]
    public async Task Keys_made_and_revoked_from_the_command_line_are_served_and_refused_by_the_gateway(CancellationToken cancellationToken)
    {
        var data = Directory.CreateTempSubdirectory("wrapper-keys-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DATA_DIR"] = data }).Build();
            var (created, createdCode) = await RunAsync(configuration, cancellationToken, "create", "ci-bot", "--tokens-per-day", "5000", "--models", "claude-sonnet-4-5,gemini-*");
            var key = created.Split('\n')[1].Trim();
            await using var gateway = await KeyedGateway.StartAsync(new Dictionary<string, string?> { ["DATA_DIR"] = data });

            using (var served = await gateway.ChatAsync(key, cancellationToken)) Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await gateway.UsageOfAsync(KeyedGateway.AdminKey, "ci-bot", 1, cancellationToken);
            var (listed, listCode) = await RunAsync(configuration, cancellationToken, "list");
            var (revoked, revokeCode) = await RunAsync(configuration, cancellationToken, "revoke", "ci-bot");
            var revokedAt = System.Diagnostics.Stopwatch.StartNew();
            HttpStatusCode status;
            do
            {
                using var models = await gateway.SendAsync(key, HttpMethod.Get, "v1/models", null, cancellationToken);
                status = models.StatusCode;
            }
            while (status == HttpStatusCode.OK && revokedAt.Elapsed < TimeSpan.FromSeconds(10));

            Assert.That((createdCode, listCode, revokeCode), Is.EqualTo((0, 0, 0)));
            Assert.That(key, Does.StartWith("sk-wr-"));
            Assert.That(listed, Does.Contain("ci-bot\t5000\t-\tclaude-sonnet-4-5,gemini-*\t120\t").And.Not.Contain(key));
            Assert.That(revoked, Does.Contain("'ci-bot' revoked"));
            Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(revokedAt.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2.5)), "revoked by another process: refused within KEY_CACHE_SECONDS (1 s)");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [TestCase(new[] { "create", "x", "--tokens-per-day", "0" }, "not understood")]
    [TestCase(new[] { "create", "admin" }, "'admin' names the API_KEY")]
    [TestCase(new[] { "revoke", "nobody" }, "No key is named 'nobody'")]
    [TestCase(new[] { "rotate" }, "Usage:")]
    [CancelAfter(30_000)]
    public async Task A_wrong_command_fails_with_a_message(string[] args, string message, CancellationToken cancellationToken)
    {
        var data = Directory.CreateTempSubdirectory("wrapper-keys-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DATA_DIR"] = data }).Build();
            var output = new StringWriter();
            var errors = new StringWriter();

            var code = await KeysCommand.RunAsync(args, configuration, output, errors, cancellationToken);

            Assert.That(code, Is.EqualTo(1));
            Assert.That(errors.ToString(), Does.Contain(message));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(string Output, int Code)> RunAsync(IConfiguration configuration, CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await KeysCommand.RunAsync(args, configuration, output, errors, cancellationToken);
        return (output + errors.ToString(), code);
    }
}
