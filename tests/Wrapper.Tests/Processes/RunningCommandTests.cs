using Wrapper.Server.Processes;

namespace Wrapper.Tests.Processes;

/// <summary>The process layer with small real programs (cat, sleep, sh only as a test subject).</summary>
public sealed class RunningCommandTests
{
    [Test]
    public async Task Stdin_is_written_whole_then_closed_and_stdout_comes_back_as_line_events()
    {
        var input = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"line {i}")) + "\n";
        await using var running = new Command("/bin/cat").WithStandardInput(input).Start();

        var events = await Collect(running);

        Assert.That(events.OfType<StandardOutputCommandEvent>().Count(), Is.EqualTo(20_000));
        Assert.That(events[^1], Is.EqualTo(new ExitedCommandEvent(0)), "cat ended, so stdin was closed");
    }

    [Test]
    public async Task Arguments_are_passed_as_a_list_without_a_shell()
    {
        await using var running = new Command("/bin/echo").WithArguments(["$HOME", "a b", "; rm -rf /"]).Start();

        var lines = (await Collect(running)).OfType<StandardOutputCommandEvent>().Select(e => e.Text);

        Assert.That(lines, Is.EqualTo(new[] { "$HOME a b ; rm -rf /" }));
    }

    [Test]
    public async Task The_environment_is_exactly_the_one_given()
    {
        await using var running = new Command("/usr/bin/env").WithEnvironment(new Dictionary<string, string> { ["ONLY"] = "this" }).Start();

        var lines = (await Collect(running)).OfType<StandardOutputCommandEvent>().Select(e => e.Text);

        Assert.That(lines, Is.EqualTo(new[] { "ONLY=this" }));
    }

    [Test]
    public async Task Stderr_and_the_exit_code_are_reported()
    {
        await using var running = new Command("/bin/sh").WithArguments(["-c", "echo oops >&2; exit 7"]).Start();

        var events = await Collect(running);

        Assert.That(events, Does.Contain(new StandardErrorCommandEvent("oops")));
        Assert.That(events[^1], Is.EqualTo(new ExitedCommandEvent(7)));
    }

    [Test]
    public void A_missing_executable_fails_to_start_with_its_path()
    {
        var exception = Assert.Throws<CommandStartException>(() => new Command("/nonexistent/tool").Start());

        Assert.That(exception!.TargetFilePath, Is.EqualTo("/nonexistent/tool"));
    }

    [Test]
    public async Task Stopping_kills_the_whole_process_group_including_grandchildren()
    {
        // sh starts a background sleep (a grandchild of ours) and prints its pid.
        var running = new Command("/bin/sh").WithArguments(["-c", "sleep 300 & echo $!; wait"]).Start();
        var grandchild = 0;
        await foreach (var e in running.ReadEventsAsync(CancellationToken.None))
        {
            if (e is StandardOutputCommandEvent output) { grandchild = int.Parse(output.Text); break; }
        }
        Assert.That(Alive(grandchild), Is.True);

        await running.StopAsync(TimeSpan.FromMilliseconds(500));
        await running.DisposeAsync();

        Assert.That(Alive(running.ProcessId), Is.False);
        Assert.That(await Eventually(() => !Alive(grandchild)), Is.True);
    }

    [Test]
    public async Task A_process_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        var running = new Command("/bin/sh").WithArguments(["-c", "trap '' TERM; echo ready; sleep 300"]).Start();
        await foreach (var e in running.ReadEventsAsync(CancellationToken.None)) if (e is StandardOutputCommandEvent) break;

        await running.StopAsync(TimeSpan.FromMilliseconds(300));
        await running.DisposeAsync();

        Assert.That(await Eventually(() => !Alive(running.ProcessId)), Is.True);
    }

    private static async Task<List<CommandEvent>> Collect(RunningCommand running)
    {
        var events = new List<CommandEvent>();
        await foreach (var e in running.ReadEventsAsync(CancellationToken.None)) events.Add(e);
        return events;
    }

    private static bool Alive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z');

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        return condition();
    }
}
