using System.Net;

namespace Wrapper.IntegrationTests;

/// <summary>A CLI process lives exactly as long as its request, and takes its sandbox with it.</summary>
public sealed class ProcessLifetimeTests : SharedGatewayFixture
{
    [Test, CancelAfter(60_000)]
    public async Task A_client_disconnect_mid_stream_kills_the_process_tree_and_removes_the_sandbox(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        using var cancel = new CancellationTokenSource();

        var response = await gateway.Client.PostAsync(ChatRequests.Body(
            FakeCli.Directives("spawn-child", $"record {gateway.RecordDirectory}", "hang"), stream: true), cancel.Token);
        var record = await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);
        Assert.That(Processes.IsAlive(record.Pid) && Processes.IsAlive(record.ChildPid!.Value), "both running before the disconnect");

        await cancel.CancelAsync();
        response.Dispose();

        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(record.Pid)), "the CLI is gone");
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(record.ChildPid!.Value)), "its child is gone too");
        Assert.That(await Processes.EventuallyAsync(() => !Directory.Exists(record.SandboxPath)), "the sandbox is removed");
    }

    [Test, CancelAfter(60_000)]
    public async Task MAX_TIMEOUT_ends_a_hanging_CLI_with_504_and_kills_it(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["MAX_TIMEOUT"] = "1500" });

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"record {gateway.RecordDirectory}", "hang")), cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");
        var record = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("timeout"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("MAX_TIMEOUT"));
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(record.Pid)), Is.True);
        Assert.That(await Processes.EventuallyAsync(() => !Directory.Exists(record.SandboxPath)), Is.True);
    }

    [Test, CancelAfter(60_000)]
    public async Task A_CLI_silent_for_INACTIVITY_TIMEOUT_ends_in_a_streamed_timeout_error(CancellationToken cancellationToken)
    {
        // The first keepalive (0.3 s) starts the stream, so the timeout at 1 s comes as an event (EarlyStreamErrorTests: sooner, a 504).
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["INACTIVITY_TIMEOUT"] = "1000", ["SSE_KEEPALIVE_INTERVAL"] = "0.3" });

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("hang"), stream: true), cancellationToken);
        var events = await ServerSentEvents.ReadAllAsync(response, cancellationToken);

        var last = events.Last(e => !e.IsComment);
        Assert.That(last.Json!.Value.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("timeout"));
        Assert.That(last.Json!.Value.GetProperty("error").GetProperty("message").GetString(), Does.Contain("INACTIVITY_TIMEOUT"));
        Assert.That(events.Any(e => e.IsDone), Is.False, "an error ends the stream without [DONE]");
    }

    [Test, CancelAfter(60_000)]
    public async Task A_CLI_that_ignores_SIGTERM_is_killed_after_the_grace_period(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?>
        {
            ["MAX_TIMEOUT"] = "1000",
            ["KILL_GRACE_PERIOD"] = "500",
        });

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(
            FakeCli.Directives("ignore-sigterm", $"record {gateway.RecordDirectory}", "hang")), cancellationToken);
        var record = FakeCli.Read(Directory.GetFiles(gateway.RecordDirectory, "*.json").Single());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(record.Pid)), Is.True);
    }

    [Test, CancelAfter(60_000)]
    public async Task Stopping_the_gateway_ends_running_CLIs(CancellationToken cancellationToken)
    {
        var gateway = await FakeGateway.StartAsync();
        FakeCliRecord record;
        try
        {
            _ = gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives("spawn-child", $"record {gateway.RecordDirectory}", "hang"), stream: true), cancellationToken);
            record = await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);
        }
        finally
        {
            await gateway.DisposeAsync();
        }

        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(record.Pid)), Is.True);
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(record.ChildPid!.Value)), Is.True);
    }

    [Test, CancelAfter(60_000)]
    public async Task The_sandbox_and_the_CLIs_working_directory_are_owner_only_under_the_sandbox_root(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(FakeCli.Directives($"record {gateway.RecordDirectory}", "hang"), stream: true), cancellationToken);
        var record = await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

        Assert.That(Path.GetDirectoryName(record.SandboxPath), Is.EqualTo(gateway.SandboxRoot));
        Assert.That(File.GetUnixFileMode(record.SandboxPath), Is.EqualTo(OwnerOnly));
        // Claude Code runs in one fixed folder under the sandbox root (its path is part of every first
        // message, README "Agent loops"): owner-only, and nothing is ever written there.
        Assert.That(Path.GetDirectoryName(record.Cwd), Is.EqualTo(gateway.SandboxRoot));
        Assert.That(File.GetUnixFileMode(record.Cwd), Is.EqualTo(OwnerOnly));
        Assert.That(Directory.EnumerateFileSystemEntries(record.Cwd), Is.Empty);
    }
}
