using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests;

/// <summary>
/// Claude Code processes kept ready between requests (the fake CLI speaks the same
/// persistent stream-json protocol and answers "/clear" as the real one does).
/// </summary>
public sealed class WarmPoolTests
{
    [Test, CancelAfter(60_000)]
    public async Task The_next_request_of_the_same_key_is_served_by_the_reset_process_and_carries_nothing_of_the_first(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync();

        var first = await AskAsync(gateway, "The first secret is alpha-canary.", cancellationToken);
        await WaitUntilReadyAsync(gateway, 1);
        var second = await AskAsync(gateway, "Second question.", cancellationToken);

        Assert.That(second.Pid, Is.EqualTo(first.Pid), "the same process served both");
        Assert.That(first.PromptText, Does.Contain("alpha-canary"));
        Assert.That(second.PromptText, Does.Not.Contain("alpha-canary"));
        Assert.That(second.Argv, Does.Contain("--input-format").And.Not.Contain("--disable-slash-commands"));
        Assert.That(Directory.GetFileSystemEntries(second.Cwd), Is.Empty, "the working folder it serves from is empty");
    }

    [Test, CancelAfter(60_000)]
    public async Task A_different_system_prompt_gets_a_process_of_its_own(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync();

        var first = await AskAsync(gateway, "Hi", cancellationToken, system: "You are terse.");
        await WaitUntilReadyAsync(gateway, 1, system: "You are terse.");
        var other = await AskAsync(gateway, "Hi", cancellationToken, system: "You are verbose.");

        Assert.That(other.Pid, Is.Not.EqualTo(first.Pid));
        Assert.That(other.SystemPrompt, Is.EqualTo("You are verbose."));
        Assert.That(Processes.IsAlive(first.Pid), "the first key's process still waits for its own next request");
    }

    [Test, CancelAfter(60_000)]
    public async Task After_a_tool_call_the_process_is_ended_and_a_fresh_one_is_ready_for_the_next_turn(CancellationToken cancellationToken)
    {
        // Without held turns: with them, the process waits at its tool call for the next turn (Continuation/).
        await using var gateway = await StartAsync(new Dictionary<string, string?> { ["HELD_TURNS_MAX"] = "0" });
        var tools = new JsonArray { JsonNode.Parse("""{"type":"function","function":{"name":"read_file","parameters":{"type":"object","properties":{"path":{"type":"string"}}}}}""") };

        using var response = await gateway.Client.PostAsync(WithTools(ChatRequests.Body(FakeCli.Directives($"record {gateway.RecordDirectory}", "tool mcp__w__read_file {\"path\":\"a\"}")), tools), cancellationToken);
        var record = await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(record.Pid)), "a process stopped at a tool use is never reused");

        var view = await gateway.Client.ViewAsync(WithTools(ChatRequests.Body("next turn"), tools));
        Assert.That(await gateway.Client.EventuallyReadyAsync(WithTools(ChatRequests.Body("next turn"), tools), 1), Is.True, "a replacement is started for the next turn");
        Assert.That(view.GetProperty("strategy").GetString(), Is.EqualTo("reuse"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_waiting_process_that_dies_is_replaced_and_never_handed_a_request(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync();
        var first = await AskAsync(gateway, "Hi", cancellationToken);
        await WaitUntilReadyAsync(gateway, 1);

        Process.GetProcessById(first.Pid).Kill();
        Assert.That(await gateway.Client.EventuallyReadyAsync(ChatRequests.Body("x"), 0), Is.True, "the dead process leaves the pool");
        var next = await AskAsync(gateway, "Hi again", cancellationToken);

        Assert.That(next.Pid, Is.Not.EqualTo(first.Pid));
        Assert.That(await Processes.EventuallyAsync(() => !Directory.Exists(first.SandboxPath)), "its sandbox is removed");
    }

    [Test, CancelAfter(60_000)]
    public async Task WARM_POOL_MAX_USES_retires_a_process_after_that_many_requests(CancellationToken cancellationToken)
    {
        // Held turns off: after its last use a process would otherwise wait for its conversation's next turn (HeldTurns).
        await using var gateway = await StartAsync(new Dictionary<string, string?> { ["WARM_POOL_MAX_USES"] = "2", ["HELD_TURNS_MAX"] = "0" });

        var first = await AskAsync(gateway, "one", cancellationToken);
        await WaitUntilReadyAsync(gateway, 1);
        var second = await AskAsync(gateway, "two", cancellationToken);
        await WaitUntilReadyAsync(gateway, 1);
        var third = await AskAsync(gateway, "three", cancellationToken);

        Assert.That(second.Pid, Is.EqualTo(first.Pid));
        Assert.That(third.Pid, Is.Not.EqualTo(first.Pid));
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(first.Pid)), "the retired process is gone");
    }

    [Test, CancelAfter(60_000)]
    public async Task WARM_POOL_IDLE_TIMEOUT_stops_a_process_nobody_asked_for(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(new Dictionary<string, string?> { ["WARM_POOL_IDLE_TIMEOUT"] = "1" });

        var first = await AskAsync(gateway, "Hi", cancellationToken);

        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(first.Pid), TimeSpan.FromSeconds(10)), "stopped after its idle time");
        Assert.That(await Processes.EventuallyAsync(() => gateway.LiveSandboxes().Count == 0), "its sandbox is removed");
    }

    [Test, CancelAfter(60_000)]
    public async Task Waiting_processes_count_against_MAX_CONCURRENT_REQUESTS_and_give_their_slot_to_a_request(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(new Dictionary<string, string?> { ["MAX_CONCURRENT_REQUESTS"] = "1", ["QUEUE_TIMEOUT"] = "2" });
        var first = await AskAsync(gateway, "Hi", cancellationToken, system: "Key A");
        await WaitUntilReadyAsync(gateway, 1, system: "Key A");

        var other = await AskAsync(gateway, "Hi", cancellationToken, system: "Key B");

        Assert.That(other.Pid, Is.Not.EqualTo(first.Pid), "the request of another key got the slot");
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(first.Pid)), "the waiting process gave it up and was stopped");
    }

    [Test, CancelAfter(60_000)]
    public async Task With_WARM_POOL_ENABLED_false_every_request_starts_its_own_CLI(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync(new Dictionary<string, string?> { ["WARM_POOL_ENABLED"] = "false" });

        var first = await AskAsync(gateway, "one", cancellationToken);
        var second = await AskAsync(gateway, "two", cancellationToken);
        var view = await gateway.Client.ViewAsync(ChatRequests.Body("x"));

        Assert.That(second.Pid, Is.Not.EqualTo(first.Pid));
        Assert.That(first.Argv, Does.Contain("--disable-slash-commands").And.Not.Contain("--input-format"));
        Assert.That(view.GetProperty("strategy").GetString(), Is.EqualTo("cold"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_process_stuck_in_its_reset_never_holds_the_next_request(CancellationToken cancellationToken)
    {
        await using var gateway = await StartAsync();
        var stuck = await AskAsync(gateway, "Please get stuck-on-reset.", cancellationToken);

        var clock = Stopwatch.StartNew();
        var next = await AskAsync(gateway, "Next question.", cancellationToken);

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "no wait for the reset's 10 s time-out");
        Assert.That(next.Pid, Is.Not.EqualTo(stuck.Pid), "another process served it");
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(stuck.Pid), TimeSpan.FromSeconds(20)), "the stuck process is ended after its reset times out");
    }

    [Test, CancelAfter(90_000)]
    public async Task By_default_a_burst_of_one_key_beyond_the_slots_is_served_by_reused_processes(CancellationToken cancellationToken)
    {
        // WARM_POOL_REUSE left at its default (auto): 8 requests, 2 slots.
        await using var gateway = await FakeGateway.StartAsync(WarmPoolSettings.On(new Dictionary<string, string?>
            { ["MAX_CONCURRENT_REQUESTS"] = "2", ["MAX_CONCURRENT_PER_IP"] = "0" }));
        var records = Enumerable.Range(0, 8).Select(i => Path.Combine(gateway.RecordDirectory, $"r{i}")).ToList();
        records.ForEach(d => Directory.CreateDirectory(d));

        var responses = await Task.WhenAll(records.Select(async (directory, i) =>
        {
            using var response = await gateway.Client.PostAsync(ChatRequests.Body($"burst {i}\n" + FakeCli.Directives($"record {directory}", "sleep 300", $"reply r{i}")), cancellationToken);
            return (response.StatusCode, Content: await response.Content.ReadAsStringAsync(cancellationToken));
        }));
        var served = await Task.WhenAll(records.Select(d => FakeCli.WaitForRecordAsync(d)));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(served.Select(r => r.Pid).Distinct().Count(), Is.LessThan(8), "processes served several requests of the burst in turn");
        for (var i = 0; i < served.Length; i++)
            Assert.That(served[i].PromptText, Does.Contain($"burst {i}").And.Not.Contain($"burst {(i + 1) % 8}"), "each turn saw its own request only");
    }

    [Test, CancelAfter(60_000)]
    public async Task By_default_a_lone_clients_next_turn_gets_a_fresh_process_not_a_reset_one(CancellationToken cancellationToken)
    {
        // Held turns off: the first process would otherwise wait for its conversation's next turn (HeldTurns).
        await using var gateway = await FakeGateway.StartAsync(WarmPoolSettings.On(new Dictionary<string, string?> { ["HELD_TURNS_MAX"] = "0" }));

        var first = await AskAsync(gateway, "one", cancellationToken);
        await WaitUntilReadyAsync(gateway, 1);
        var second = await AskAsync(gateway, "two", cancellationToken);
        var view = await gateway.Client.ViewAsync(ChatRequests.Body("x"));

        Assert.That(second.Pid, Is.Not.EqualTo(first.Pid), "no /clear record reaches the model of a lone agent");
        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(first.Pid)), "the first process served its one request and ended");
        Assert.That(view.GetProperty("strategy").GetString(), Is.EqualTo("auto"));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_held_turn_a_scripts_next_one_shot_request_goes_on_without_is_reset_for_the_key_while_that_request_runs(CancellationToken cancellationToken)
    {
        // The defaults (WARM_POOL_REUSE=auto, held turns on): a script sends the same one-shot request again and again.
        await using var gateway = await FakeGateway.StartAsync(WarmPoolSettings.On());
        Task<FakeCliRecord> OneShotAsync() => AskAsync(gateway, "Say hello.", cancellationToken, directives: "sleep 500");

        var first = await OneShotAsync();
        Assert.That(await Processes.EventuallyAsync(() => gateway.HeldProcesses().Contains(first.Pid)), Is.True, "it waits for a follow-up (a lone request)");
        var second = await OneShotAsync();
        var third = await OneShotAsync();

        // The second finds the replacement started when the first was held (then the first serves the
        // third), or, while that replacement still starts, the first itself, reset for it.
        Assert.That(new[] { second.Pid, third.Pid }, Does.Contain(first.Pid),
            "the first request's process, no longer waiting for a follow-up once the second went on without it, was reset and served again");
        Assert.That(new[] { second, third }.Where(r => r.Pid == first.Pid).Select(r => Directory.GetFileSystemEntries(r.Cwd)), Is.All.Empty,
            "it serves from an empty working folder");
    }

    [Test, CancelAfter(60_000)]
    public async Task With_no_process_of_its_key_ready_a_one_shot_request_is_served_by_the_held_turn_it_went_on_without_reset_for_it(CancellationToken cancellationToken)
    {
        // WARM_POOL_SIZE_PER_KEY=0: no replacement is started beside the held process.
        await using var gateway = await FakeGateway.StartAsync(WarmPoolSettings.On(new Dictionary<string, string?> { ["WARM_POOL_SIZE_PER_KEY"] = "0" }));

        var first = await AskAsync(gateway, "Say hello.", cancellationToken);
        Assert.That(await Processes.EventuallyAsync(() => gateway.HeldProcesses().Contains(first.Pid)), Is.True);
        var second = await AskAsync(gateway, "Say hello.", cancellationToken);

        Assert.That(second.Pid, Is.EqualTo(first.Pid), "reset within moments, the held process served the request instead of the CLI started beside it");
        Assert.That(Directory.GetFileSystemEntries(second.Cwd), Is.Empty);
        Assert.That(await Processes.EventuallyAsync(() => gateway.LiveSandboxes().Count == 1 && gateway.HeldProcesses().SequenceEqual([first.Pid])), Is.True,
            "the CLI started beside it was ended with its sandbox; the process waits for the second conversation's follow-up");
    }

    [Test, CancelAfter(60_000)]
    public async Task Stopping_the_gateway_ends_waiting_processes_and_removes_their_sandboxes(CancellationToken cancellationToken)
    {
        var gateway = await StartAsync();
        var first = await AskAsync(gateway, "Hi", cancellationToken);
        await WaitUntilReadyAsync(gateway, 1);

        await gateway.DisposeAsync();

        Assert.That(await Processes.EventuallyAsync(() => !Processes.IsAlive(first.Pid)), "no process outlives the gateway");
        Assert.That(Directory.Exists(first.SandboxPath), Is.False);
    }

    /// <summary>A gateway whose pool reuses Claude processes (WARM_POOL_REUSE, off by default: these tests are about reuse).</summary>
    private static Task<TestGateway> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var values = WarmPoolSettings.On(new Dictionary<string, string?> { ["WARM_POOL_REUSE"] = "true" });
        foreach (var (key, value) in settings ?? []) values[key] = value;
        return FakeGateway.StartAsync(values);
    }

    /// <summary>Sends a text request and returns the record of the turn that answered it.</summary>
    private static async Task<FakeCliRecord> AskAsync(TestGateway gateway, string text, CancellationToken cancellationToken, string? system = null, string? directives = null)
    {
        foreach (var old in Directory.Exists(gateway.RecordDirectory) ? Directory.GetFiles(gateway.RecordDirectory) : []) File.Delete(old);
        string[] script = directives is null ? [$"record {gateway.RecordDirectory}", "reply ok"] : [$"record {gateway.RecordDirectory}", directives, "reply ok"];
        using var response = await gateway.Client.PostAsync(ChatRequests.Body(text + "\n" + FakeCli.Directives(script), system: system), cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
        return await FakeCli.WaitForRecordAsync(gateway.RecordDirectory);
    }

    private static async Task WaitUntilReadyAsync(TestGateway gateway, int count, string? system = null) =>
        Assert.That(await gateway.Client.EventuallyReadyAsync(ChatRequests.Body("x", system: system), count), Is.True, "the pool has a process ready");

    private static JsonObject WithTools(JsonObject body, JsonArray tools)
    {
        body["tools"] = tools.DeepClone();
        return body;
    }
}
