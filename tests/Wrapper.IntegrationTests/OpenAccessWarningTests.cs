using Serilog.Events;

namespace Wrapper.IntegrationTests;

/// <summary>No API_KEY and no terminal means open access, announced loudly when reachable from elsewhere.</summary>
public sealed class OpenAccessWarningTests
{
    [TestCase("0.0.0.0", true)]
    [TestCase("127.0.0.1", false)]
    [CancelAfter(60_000)]
    public async Task Running_open_beyond_loopback_logs_a_warning(string host, bool warned, CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["HOST"] = host });

        Assert.That(capture.Any(LogEventLevel.Warning, "SECURITY WARNING"), Is.EqualTo(warned));
    }
}
