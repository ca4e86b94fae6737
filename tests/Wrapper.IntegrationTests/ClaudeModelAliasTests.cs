namespace Wrapper.IntegrationTests;

/// <summary>claude-opus, claude-sonnet and claude-haiku reach Claude Code as its own aliases, which follow each release.</summary>
public sealed class ClaudeModelAliasTests : SharedGatewayFixture
{
    [TestCase("claude-opus", "opus")]
    [TestCase("claude-sonnet-progress", "sonnet")]
    [TestCase("claude-haiku", "haiku")]
    [TestCase("claude-opus-5-5", "claude-opus-5-5")]
    [CancelAfter(60_000)]
    public async Task An_alias_id_is_handed_to_the_CLI_as_its_alias_and_any_other_id_as_given(string model, string cliModel, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"record {gateway.RecordDirectory}"), model: model), cancellationToken);
        var argv = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single()).Argv;

        Assert.That(argv[argv.ToList().IndexOf("--model") + 1], Is.EqualTo(cliModel));
    }
}
