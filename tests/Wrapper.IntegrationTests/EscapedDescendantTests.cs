namespace Wrapper.IntegrationTests;

/// <summary>
/// A descendant that leaves the CLI's session and process group with setsid(2) still dies with the
/// request, however the request ends (the gateway killed outright: ShutdownTests).
/// </summary>
public sealed class EscapedDescendantTests
{
    [Test, CancelAfter(30_000)]
    public async Task A_client_disconnect_kills_a_grandchild_that_called_setsid(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Not awaited: a stream's 200 waits for the CLI's first event, and this CLI never prints one.
        var sending = gateway.Client.PostAsync(ChatRequests.Body(
            FakeCli.Directives("spawn-escaping-child", $"record {gateway.RecordDirectory}", "hang"), stream: true), cancel.Token);
        var record = await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);
        var grandchild = record.ChildPid!.Value;
        Assert.That(Processes.IsAlive(grandchild), "the grandchild runs before the disconnect");
        Assert.That(SessionOf(grandchild), Is.EqualTo(grandchild).And.Not.EqualTo(SessionOf(record.Pid)), "it left the CLI's session");

        await cancel.CancelAsync();
        Assert.That(async () => (await sending).Dispose(), Throws.InstanceOf<OperationCanceledException>(), "the client gave up before any answer");

        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(record.Pid)), "the CLI is gone");
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(grandchild)), "the escaped grandchild is gone too");
    }

    [Test, CancelAfter(30_000)]
    public async Task A_finished_request_leaves_no_grandchild_that_called_setsid(CancellationToken cancellationToken)
    {
        // Without warm processes, the CLI ends with the request instead of waiting for the next one.
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["WARM_POOL_ENABLED"] = "false" });

        using var response = await gateway.Client.PostAsync(ChatRequests.Body(
            FakeCli.Directives("spawn-escaping-child", $"record {gateway.RecordDirectory}", "reply done")), cancellationToken);
        var record = await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);

        Assert.That(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(record.Pid)), "the CLI ended");
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(record.ChildPid!.Value)), "the escaped grandchild ended with it");
    }

    /// <summary>The session id from /proc/&lt;pid&gt;/stat (the field after state, parent and group).</summary>
    internal static int SessionOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture);
    }
}
