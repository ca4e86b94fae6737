namespace Wrapper.IntegrationTests.Infrastructure;

/// <summary>The gateway with the fake CLI executable as Claude Code.</summary>
internal static class FakeGateway
{
    public static Task<TestGateway> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["CLAUDE_CLI_PATH"] = FakeCli.Path };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return TestGateway.StartAsync(values);
    }
}
