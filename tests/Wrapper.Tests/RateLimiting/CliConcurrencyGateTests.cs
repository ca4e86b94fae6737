using Microsoft.Extensions.Options;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.RateLimiting;
using Wrapper.Server.Security;

namespace Wrapper.Tests.RateLimiting;

/// <summary>Requests beyond the free slots queue, first come first served, fair between clients.</summary>
public sealed class CliConcurrencyGateTests
{
    private static CliConcurrencyGate Gate(int concurrent, int queued = 8, int perIp = 1, int queueTimeout = 30) =>
        new(Options.Create(new ConcurrencyOptions
            { MaxConcurrentRequests = concurrent, MaxQueuedRequests = queued, MaxConcurrentPerIp = perIp, QueueTimeoutSeconds = queueTimeout }),
            new ClientAddress(Options.Create(new SecurityOptions())), TimeProvider.System);

    [Test, CancelAfter(5_000)]
    public async Task A_client_alone_gets_every_slot_whatever_its_share(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 4, perIp: 1);

        var slots = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => gate.AcquireAsync("a", cancellationToken)));

        Assert.That(slots, Has.Length.EqualTo(4));
        Assert.That(gate.Queued, Is.Zero);
    }

    [Test, CancelAfter(5_000)]
    public async Task A_burst_beyond_the_slots_waits_and_is_served_first_come_first_served(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 2, perIp: 2);
        var running = new[] { await gate.AcquireAsync("a", cancellationToken), await gate.AcquireAsync("a", cancellationToken) };
        var waiting = Enumerable.Range(0, 4).Select(_ => gate.AcquireAsync("a", cancellationToken)).ToList();
        Assert.That(gate.Queued, Is.EqualTo(4), "nobody was refused");

        foreach (var slot in running) slot.Dispose();
        var firstTwo = await Task.WhenAll(waiting.Take(2));
        Assert.That(waiting.Skip(2).Select(w => w.IsCompleted), Is.All.False, "the later two still wait: the earliest went first");
        Assert.That(gate.Queued, Is.EqualTo(2));
        foreach (var slot in firstTwo) slot.Dispose();

        Assert.That(await Task.WhenAll(waiting.Skip(2)), Has.Length.EqualTo(2));
        Assert.That(gate.Queued, Is.Zero);
    }

    [Test, CancelAfter(5_000)]
    public async Task While_another_client_waits_a_freed_slot_goes_to_it_before_the_client_over_its_share(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 2, perIp: 1);
        var a1 = await gate.AcquireAsync("a", cancellationToken);
        _ = await gate.AcquireAsync("a", cancellationToken);
        var aWaits = gate.AcquireAsync("a", cancellationToken);
        var bWaits = gate.AcquireAsync("b", cancellationToken);

        a1.Dispose();
        await bWaits;

        Assert.That(aWaits.IsCompleted, Is.False, "client a already holds more than its share; b came later but goes first");
        Assert.That(gate.Queued, Is.EqualTo(1));
    }

    [Test, CancelAfter(5_000)]
    public async Task A_full_queue_refuses_at_once_with_503_gateway_full_and_a_retry_time(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 1, queued: 1);
        _ = await gate.AcquireAsync("a", cancellationToken);
        _ = gate.AcquireAsync("b", cancellationToken);

        var refused = Assert.ThrowsAsync<GatewayException>(() => gate.AcquireAsync("c", cancellationToken))!;

        Assert.That(refused.Error.Status, Is.EqualTo(503));
        Assert.That(refused.Error.Code, Is.EqualTo("gateway_full"));
        Assert.That(refused.Error.Message, Does.Contain("MAX_QUEUED_REQUESTS"));
        Assert.That(refused.Error.RetryAfterSeconds, Is.GreaterThan(0));
    }

    [Test, CancelAfter(5_000)]
    public async Task A_request_that_waits_past_QUEUE_TIMEOUT_gets_503_queue_timeout_and_leaves_the_queue(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 1, queueTimeout: 1);
        _ = await gate.AcquireAsync("a", cancellationToken);

        var refused = Assert.ThrowsAsync<GatewayException>(() => gate.AcquireAsync("b", cancellationToken))!;

        Assert.That(refused.Error.Code, Is.EqualTo("queue_timeout"));
        Assert.That(refused.Error.Message, Does.Contain("QUEUE_TIMEOUT"));
        Assert.That(refused.Error.RetryAfterSeconds, Is.GreaterThan(0));
        Assert.That(gate.Queued, Is.Zero);
    }

    [Test, CancelAfter(5_000)]
    public async Task A_request_that_finds_no_free_slot_takes_an_idle_one_and_its_holder_is_told(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 1);
        var told = 0;
        var idle = gate.TryAcquireIdleSlot(() => told++);
        Assert.That(idle, Is.Not.Null);

        var slot = await gate.AcquireAsync("a", cancellationToken);
        idle!.Dispose(); // the holder gives it back late: the request's slot stays its own

        Assert.That(told, Is.EqualTo(1));
        Assert.That(gate.TryAcquireIdleSlot(() => { }), Is.Null, "the one slot is the request's");
        slot.Dispose();
        Assert.That(gate.TryAcquireIdleSlot(() => { }), Is.Not.Null);
    }

    [Test, CancelAfter(5_000)]
    public async Task An_idle_slots_holder_is_told_outside_the_gates_lock(CancellationToken cancellationToken)
    {
        // The warm pool's holder takes the pool's lock when told, and the pool tells the gate of its
        // ready processes under that lock: told under the gate's lock, the two threads would deadlock.
        var gate = Gate(concurrent: 1);
        var gateFreeWhenTold = false;
        var idle = gate.TryAcquireIdleSlot(() => gateFreeWhenTold = Task.Run(() => gate.SetReady("key-b", 1)).Wait(TimeSpan.FromSeconds(1)));

        var slot = await gate.AcquireAsync("a", cancellationToken, "key-a");

        Assert.That(gateFreeWhenTold, Is.True, "another thread could enter the gate while the holder was told");
        idle!.Dispose();
        slot.Dispose();
    }

    [Test, CancelAfter(5_000)]
    public async Task No_idle_slot_is_given_while_a_request_waits(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 1);
        var running = await gate.AcquireAsync("a", cancellationToken);
        var waiting = gate.AcquireAsync("b", cancellationToken);

        Assert.That(gate.TryAcquireIdleSlot(() => { }), Is.Null);
        running.Dispose();
        Assert.That(await waiting, Is.Not.Null);
    }

    [Test, CancelAfter(15_000)]
    public async Task A_request_behind_a_moving_queue_is_not_refused_at_QUEUE_TIMEOUT(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 1, queueTimeout: 2);
        var holder = await gate.AcquireAsync("a", cancellationToken);
        var waiting = Enumerable.Range(0, 6).Select(_ => gate.AcquireAsync("a", cancellationToken)).ToList();

        // A slot comes free every 500 ms: the last waiter waits about 3 s, past the 2 s limit.
        foreach (var next in waiting)
        {
            await Task.Delay(500, cancellationToken);
            holder.Dispose();
            holder = await next;
        }

        Assert.That(gate.Queued, Is.Zero);
        holder.Dispose();
    }

    [Test, CancelAfter(15_000)]
    public async Task A_queue_that_stops_moving_refuses_every_waiter_at_QUEUE_TIMEOUT(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 1, queueTimeout: 1);
        _ = await gate.AcquireAsync("a", cancellationToken);
        var waiting = Enumerable.Range(0, 3).Select(_ => gate.AcquireAsync("b", cancellationToken)).ToList();

        foreach (var refused in waiting)
            Assert.That(Assert.ThrowsAsync<GatewayException>(() => refused)!.Error.Code, Is.EqualTo("queue_timeout"));
        Assert.That(gate.Queued, Is.Zero);
    }

    [Test, CancelAfter(5_000)]
    public async Task A_freed_slot_goes_first_to_a_waiter_whose_key_has_a_ready_process(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 2, perIp: 4);
        var running = await gate.AcquireAsync("a", cancellationToken, "key-a");
        _ = await gate.AcquireAsync("b", cancellationToken, "key-b");
        var bWaits = gate.AcquireAsync("b", cancellationToken, "key-b");
        var aWaits = gate.AcquireAsync("a", cancellationToken, "key-a");

        gate.SetReady("key-a", 1); // the finished request's process, reset and waiting
        running.Dispose();
        await aWaits;

        Assert.That(bWaits.IsCompleted, Is.False, "key-b's process is busy: the younger key-a request reuses its own ready process first");
    }

    [Test, CancelAfter(5_000)]
    public async Task A_ready_process_is_promised_to_one_waiter_only(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 2, perIp: 4);
        var running = new[] { await gate.AcquireAsync("b", cancellationToken, "key-b"), await gate.AcquireAsync("b", cancellationToken, "key-b") };
        var bWaits = gate.AcquireAsync("b", cancellationToken, "key-b");
        var aWaits = new[] { gate.AcquireAsync("a", cancellationToken, "key-a"), gate.AcquireAsync("a", cancellationToken, "key-a") };

        gate.SetReady("key-a", 1);
        running[0].Dispose();
        running[1].Dispose();
        await Task.WhenAll(aWaits[0], bWaits);

        Assert.That(aWaits[1].IsCompleted, Is.False, "the second slot went to the oldest waiter: key-a's one ready process was promised already");
    }

    [Test, CancelAfter(5_000)]
    public async Task The_oldest_waiter_is_passed_over_at_most_once_per_slot(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 3, queued: 32, perIp: 4);
        var holders = new Queue<IDisposable>([await gate.AcquireAsync("a", cancellationToken, "key-a"), await gate.AcquireAsync("a", cancellationToken, "key-a")]);
        _ = await gate.AcquireAsync("b", cancellationToken, "key-b-long"); // b holds a slot too: as many as a, once a gives one back
        var starved = gate.AcquireAsync("b", cancellationToken, "key-b");
        var aWaits = Enumerable.Range(0, 6).Select(_ => gate.AcquireAsync("a", cancellationToken, "key-a")).ToList();

        var passedOver = 0;
        while (passedOver < 10)
        {
            gate.SetReady("key-a", 1); // key-a always has a ready process, key-b none
            holders.Dequeue().Dispose();
            var granted = await Task.WhenAny(aWaits.Append(starved));
            if (granted == starved) break;
            aWaits.Remove(granted);
            holders.Enqueue(await granted);
            passedOver++;
        }

        Assert.That(passedOver, Is.EqualTo(3), "key-b's request waited three hand-outs (MAX_CONCURRENT_REQUESTS), then got its slot");
        Assert.That(aWaits, Has.Count.EqualTo(3), "the rest of key-a's burst still waits");
    }

    [Test, CancelAfter(5_000)]
    public async Task A_freed_slot_goes_to_a_client_holding_none_before_a_ready_process_of_a_client_holding_one(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 2, queued: 32, perIp: 4);
        var a1 = await gate.AcquireAsync("a", cancellationToken, "key-a");
        _ = await gate.AcquireAsync("a", cancellationToken, "key-a");
        var aWaits = gate.AcquireAsync("a", cancellationToken, "key-a");
        var bWaits = gate.AcquireAsync("b", cancellationToken, "key-b"); // came in the same instant, got no slot

        gate.SetReady("key-a", 1);
        a1.Dispose();
        await bWaits;

        Assert.That(aWaits.IsCompleted, Is.False, "b held none, a still holds one: b's first request starts before a's next");
    }

    [Test, CancelAfter(5_000)]
    public async Task Beyond_its_share_while_another_client_runs_a_request_waits_for_its_own_process(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 4, queued: 32, perIp: 2);
        var a1 = await gate.AcquireAsync("a", cancellationToken, "key-a");
        _ = await gate.AcquireAsync("a", cancellationToken, "key-a");
        _ = await gate.AcquireAsync("b", cancellationToken, "key-b");

        var aThird = gate.AcquireAsync("a", cancellationToken, "key-a");
        await Task.Delay(100, cancellationToken);
        Assert.That(aThird.IsCompleted, Is.False, "a slot is free, but a holds its share while b runs: no third CLI of key-a");
        var c = await gate.AcquireAsync("c", cancellationToken, "key-c");
        Assert.That(gate.Running, Is.EqualTo(4), "the free slot went to c's first request");

        gate.SetReady("key-a", 1);
        a1.Dispose();
        await aThird;
        c.Dispose();
    }

    [Test, CancelAfter(5_000)]
    public async Task A_request_that_takes_an_idle_slot_takes_its_own_keys_process_with_it(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 2, perIp: 4);
        var told = new List<string>();
        _ = gate.TryAcquireIdleSlot(() => told.Add("a ended"), "key-a", () => told.Add("a handed over"));
        _ = gate.TryAcquireIdleSlot(() => told.Add("b ended"), "key-b", () => told.Add("b handed over"));

        _ = await gate.AcquireAsync("b", cancellationToken, "key-b");
        _ = await gate.AcquireAsync("c", cancellationToken, "key-c");

        Assert.That(told, Is.EqualTo(new[] { "b handed over", "a ended" }),
            "key-b's request keeps key-b's process (though key-a's slot is older); key-c's ends the other");
        Assert.That(gate.Idle, Is.Zero);
        Assert.That(gate.Running, Is.EqualTo(2));
    }

    [Test, CancelAfter(5_000)]
    public async Task A_request_whose_keys_process_is_busy_leaves_another_keys_ready_process_to_it(CancellationToken cancellationToken)
    {
        var (gate, told, a1) = await KeyABusyBesideKeyBsReadyProcessAsync(cancellationToken);

        var aWaits = gate.AcquireAsync("a", cancellationToken, "key-a");
        await Task.Delay(100, cancellationToken);
        Assert.That(aWaits.IsCompleted, Is.False, "key-a waits for its own busy process rather than end key-b's and start cold");
        Assert.That(told, Is.Empty);

        var b = await gate.AcquireAsync("b", cancellationToken, "key-b");
        Assert.That(told, Is.EqualTo(new[] { "b handed over" }), "key-b's next request finds its process");
        gate.SetReady("key-a", 1);
        a1.Dispose();
        (await aWaits).Dispose();
        b.Dispose();
    }

    [Test, CancelAfter(5_000)]
    public async Task A_second_ready_process_of_a_busy_key_waits_for_a_freed_slot_rather_than_end_another_keys(CancellationToken cancellationToken)
    {
        var (gate, told, a1) = await KeyABusyBesideKeyBsReadyProcessAsync(cancellationToken);
        gate.SetReady("key-a", 1); // reset while every slot was taken: it waits without one

        var aWaits = gate.AcquireAsync("a", cancellationToken, "key-a");
        await Task.Delay(100, cancellationToken);
        Assert.That(aWaits.IsCompleted, Is.False);
        Assert.That(told, Is.Empty, "key-b's process keeps its slot");

        a1.Dispose();
        (await aWaits).Dispose();
        Assert.That(told, Is.Empty, "key-a's request took the slot key-a gave back");
    }

    [Test, CancelAfter(5_000)]
    public async Task A_process_ready_without_a_slot_lets_its_keys_waiter_take_a_free_one_at_once(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 2, perIp: 4);
        _ = await gate.AcquireAsync("a", cancellationToken, "key-a");
        var b1 = await gate.AcquireAsync("b", cancellationToken, "key-b");
        var aWaits = gate.AcquireAsync("a", cancellationToken, "key-a");
        b1.Dispose();
        await Task.Delay(100, cancellationToken);
        Assert.That(aWaits.IsCompleted, Is.False, "key-a's one process is busy");

        gate.SetReady("key-a", 1);
        gate.Dispatch();

        Assert.That(await Task.WhenAny(aWaits, Task.Delay(1_000, cancellationToken)), Is.SameAs(aWaits), "its new process is ready: the free slot is its");
    }

    [Test, CancelAfter(5_000)]
    public async Task A_request_whose_keys_process_is_busy_takes_the_slot_of_a_process_nobody_came_back_for(CancellationToken cancellationToken)
    {
        var time = new ShiftedTime();
        var gate = new CliConcurrencyGate(Options.Create(new ConcurrencyOptions { MaxConcurrentRequests = 2, MaxConcurrentPerIp = 4 }),
            new ClientAddress(Options.Create(new SecurityOptions())), time);
        var told = new List<string>();
        _ = await gate.AcquireAsync("a", cancellationToken, "key-a");
        _ = gate.TryAcquireIdleSlot(() => told.Add("b ended"), "key-b", () => told.Add("b handed over"));

        time.Shift = TimeSpan.FromSeconds(31);
        var a2 = await gate.AcquireAsync("a", cancellationToken, "key-a");

        Assert.That(told, Is.EqualTo(new[] { "b ended" }), "key-b's process waited 31 s unused: a busy client may have its slot");
        a2.Dispose();
    }

    /// <summary>Two slots: a request of key-a runs in one, a ready process of key-b waits in the other (what it is told is logged).</summary>
    private static async Task<(CliConcurrencyGate Gate, List<string> Told, IDisposable A1)> KeyABusyBesideKeyBsReadyProcessAsync(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 2, perIp: 4);
        var told = new List<string>();
        var a1 = await gate.AcquireAsync("a", cancellationToken, "key-a");
        _ = gate.TryAcquireIdleSlot(() => told.Add("b ended"), "key-b", () => told.Add("b handed over"));
        return (gate, told, a1);
    }

    private sealed class ShiftedTime : TimeProvider
    {
        public TimeSpan Shift { get; set; }
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }

    [Test, CancelAfter(5_000)]
    public async Task A_waiter_whose_keys_process_is_busy_waits_for_it_while_a_newcomer_without_one_takes_the_free_slot(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 2, perIp: 4);
        var a1 = await gate.AcquireAsync("a", cancellationToken, "key-a");
        var b1 = await gate.AcquireAsync("b", cancellationToken, "key-b");
        var aWaits = gate.AcquireAsync("a", cancellationToken, "key-a");

        b1.Dispose();
        await Task.Delay(100, cancellationToken);
        Assert.That(aWaits.IsCompleted, Is.False, "key-a's one process is busy: no second CLI is started for it");

        var c = await gate.AcquireAsync("c", cancellationToken, "key-c"); // no process of its own: starts at once
        gate.SetReady("key-a", 1);
        a1.Dispose();
        await aWaits;
        Assert.That(gate.Running, Is.EqualTo(2));
        c.Dispose();
    }

    [Test, CancelAfter(20_000)]
    public async Task A_waiter_whose_keys_process_stays_busy_takes_the_free_slot_after_a_few_seconds(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 2, perIp: 4);
        _ = await gate.AcquireAsync("a", cancellationToken, "key-a"); // a long turn of key-a
        var b1 = await gate.AcquireAsync("b", cancellationToken, "key-b");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var aWaits = gate.AcquireAsync("a", cancellationToken, "key-a");

        b1.Dispose();
        await aWaits;

        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(4)).And.LessThan(TimeSpan.FromSeconds(15)),
            "it waited a while for its own process, then started another on the free slot (no 503 while a slot is free)");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_waiter_whose_keys_processes_keep_coming_back_waits_for_them_past_the_patience(CancellationToken cancellationToken)
    {
        var gate = Gate(concurrent: 3, perIp: 4);
        var a1 = await gate.AcquireAsync("a", cancellationToken, "key-a");
        var a2 = await gate.AcquireAsync("a", cancellationToken, "key-a");
        var b1 = await gate.AcquireAsync("b", cancellationToken, "key-b");
        var a3 = gate.AcquireAsync("a", cancellationToken, "key-a");
        var a4 = gate.AcquireAsync("a", cancellationToken, "key-a");
        b1.Dispose(); // a slot stays free: key-a's processes are all busy

        await Task.Delay(3_000, cancellationToken);
        gate.SetReady("key-a", 1);
        a1.Dispose(); // one of key-a's processes comes back: to the older waiter
        await a3;
        await Task.Delay(3_500, cancellationToken);

        Assert.That(a4.IsCompleted, Is.False,
            "queued 6.5 s, past the 5 s patience, but its key's last process came back 3.5 s ago: no cold start beside it");
        Assert.That(gate.Running, Is.EqualTo(2));
        gate.SetReady("key-a", 1);
        a2.Dispose();
        (await a4).Dispose();
    }
}
