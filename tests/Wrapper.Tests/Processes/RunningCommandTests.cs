using System.Runtime.InteropServices;
using Wrapper.Server.Processes;

namespace Wrapper.Tests.Processes;

/// <summary>The process layer with small real programs (cat, sleep, sh only as a test subject).</summary>
public sealed partial class RunningCommandTests
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
    public async Task Arguments_with_quotes_backslashes_and_blanks_arrive_exactly_as_listed()
    {
        // CliWrap joins the list into one escaped string that .NET splits again: every element must survive.
        string[] arguments = ["", "a b", "say \"hi\"", "C:\\dir\\", "\\\"", "{\"json\":[1,\"two\"]}", "tab\there", "line\nbreak", "ünï ☃", "'single'", "*", "$(id)"];
        await using var running = new Command("/bin/sh").WithArguments(["-c", "for a in \"$@\"; do printf '%s\\0' \"$a\"; done", "sh", .. arguments]).Start();

        var output = string.Join('\n', (await Collect(running)).OfType<StandardOutputCommandEvent>().Select(e => e.Text));

        Assert.That(output.Split('\0')[..^1], Is.EqualTo(arguments));
    }

    [Test]
    public async Task The_environment_is_exactly_the_one_given()
    {
        await using var running = new Command("/usr/bin/env").WithEnvironment(new Dictionary<string, string> { ["ONLY"] = "this" }).Start();

        var lines = (await Collect(running)).OfType<StandardOutputCommandEvent>().Select(e => e.Text);

        Assert.That(lines, Is.EqualTo(new[] { "ONLY=this" }));
    }

    [Test]
    public async Task A_variable_of_the_gateways_own_environment_does_not_reach_the_child()
    {
        // CliWrap starts from a copy of the parent's environment and only adds to it.
        Environment.SetEnvironmentVariable("WRAPPER_TEST_PARENT_ONLY", "parent-secret");
        try
        {
            await using var running = new Command("/usr/bin/env").WithEnvironment(new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }).Start();

            var lines = (await Collect(running)).OfType<StandardOutputCommandEvent>().Select(e => e.Text).ToList();

            Assert.That(Environment.GetEnvironmentVariable("WRAPPER_TEST_PARENT_ONLY"), Is.EqualTo("parent-secret"), "set in the parent");
            Assert.That(lines, Is.EqualTo(new[] { "PATH=/usr/bin:/bin" }));
        }
        finally
        {
            Environment.SetEnvironmentVariable("WRAPPER_TEST_PARENT_ONLY", null);
        }
    }

    [Test]
    public async Task Stdin_kept_open_takes_several_writes_and_ends_when_closed()
    {
        await using var running = new Command("/bin/cat").WithStandardInputOpen().Start();
        await using var events = running.ReadEventsAsync(CancellationToken.None).GetAsyncEnumerator();

        Assert.That(await running.WriteInputAsync("first\n", close: false, CancellationToken.None), Is.True);
        Assert.That(await events.MoveNextAsync() && events.Current == new StandardOutputCommandEvent("first"), Is.True, "answered while stdin stays open");
        Assert.That(running.HasExited, Is.False);
        Assert.That(await running.WriteInputAsync("second\n", close: true, CancellationToken.None), Is.True);
        Assert.That(await events.MoveNextAsync() && events.Current == new StandardOutputCommandEvent("second"), Is.True);
        Assert.That(await events.MoveNextAsync() && events.Current == new ExitedCommandEvent(0), Is.True, "cat ended: stdin was closed");
        Assert.That(await running.WriteInputAsync("late\n", close: false, CancellationToken.None), Is.False);
    }

    [Test]
    public async Task A_child_faster_than_its_reader_waits_for_it()
    {
        // 1,000 lines of 20 KB, far more than the event buffer (256 lines) and the pipe hold together;
        // after each line the child notes how many it has written.
        var progress = Path.Combine(Path.GetTempPath(), $"wrapper-progress-{Guid.NewGuid():N}");
        var script = $"line=$(printf '%020000d' 0); i=0; while [ $i -lt 1000 ]; do echo $line; i=$((i+1)); echo $i > '{progress}'; done";
        await using var running = new Command("/bin/sh").WithArguments(["-c", script]).Start();
        try
        {
            // Nobody reads: the child writes until the buffer and the pipe are full, then waits there.
            var written = await SettledCount(progress);
            Assert.That(written, Is.GreaterThanOrEqualTo(256).And.LessThan(300), "the event buffer plus what the pipe holds");
            Assert.That(running.HasExited, Is.False);

            var lines = (await Collect(running)).OfType<StandardOutputCommandEvent>().ToList();
            Assert.That(lines, Has.Count.EqualTo(1000));
            Assert.That(lines.All(line => line.Text.Length == 20_000), Is.True);
        }
        finally
        {
            File.Delete(progress);
        }
    }

    /// <summary>The number in the file once it has not changed for two seconds.</summary>
    private static async Task<int> SettledCount(string path)
    {
        var last = -1;
        var stableSince = DateTime.UtcNow;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var text = File.Exists(path) ? File.ReadAllText(path).Trim() : "";
            var count = int.TryParse(text, out var value) ? value : -1;
            if (count != last) (last, stableSince) = (count, DateTime.UtcNow);
            else if (count > 0 && DateTime.UtcNow - stableSince > TimeSpan.FromSeconds(2)) return count;
            await Task.Delay(100);
        }
        return last;
    }

    [Test]
    public async Task An_ended_child_is_reaped_and_leaves_no_zombie()
    {
        var running = new Command("/bin/sh").WithArguments(["-c", "exit 3"]).Start();
        var events = await Collect(running);
        await running.DisposeAsync();

        Assert.That(events[^1], Is.EqualTo(new ExitedCommandEvent(3)));
        Assert.That(await Eventually(() => !Directory.Exists($"/proc/{running.ProcessId}")), Is.True, "no /proc entry, not even a zombie's");
    }

    [Test]
    public async Task A_killed_child_is_reaped_and_leaves_no_zombie()
    {
        var running = new Command("/bin/sleep").WithArguments(["300"]).Start();
        await running.StopAsync(TimeSpan.FromMilliseconds(200));
        await running.DisposeAsync();

        Assert.That(await Eventually(() => !Directory.Exists($"/proc/{running.ProcessId}")), Is.True, "no /proc entry, not even a zombie's");
    }

    [Test]
    public async Task The_child_inherits_no_descriptor_beyond_its_three_pipes()
    {
        // One the gateway holds as it would have inherited it (without close-on-exec), and one .NET opened.
        var inherited = dup(2);
        using var held = File.OpenRead("/proc/self/stat");
        try
        {
            Assert.That(InheritedDescriptors.MarkAll(), Is.GreaterThanOrEqualTo(1));
            await using var running = new Command("/bin/ls").WithArguments(["-1", "/proc/self/fd"]).Start();

            var descriptors = (await Collect(running)).OfType<StandardOutputCommandEvent>().Select(e => e.Text);

            Assert.That(descriptors.Order(), Is.EqualTo(new[] { "0", "1", "2", "3" }), "stdin, stdout, stderr and ls's own listing");
        }
        finally
        {
            close(inherited);
        }
    }

    [Test]
    public async Task Many_runs_leave_the_gateway_no_more_descriptors_than_before()
    {
        await RunToEnd(new Command("/bin/cat").WithStandardInput("warm-up\n")); // the runtime's own one-time pipes
        await RunToEnd(new Command("/bin/cat").WithStandardInputOpen());
        var before = OpenDescriptors();

        for (var i = 0; i < 30; i++)
        {
            await RunToEnd(new Command("/bin/cat").WithStandardInput("x\n"));
            await RunToEnd(new Command("/bin/cat").WithStandardInputOpen());
            var killed = new Command("/bin/sleep").WithArguments(["300"]).Start();
            await killed.DisposeAsync();
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();

        // Three pipes a run: a leak of even one descriptor a run would show as 30 or more.
        Assert.That(OpenDescriptors(), Is.LessThanOrEqualTo(before + 5));
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

    private static async Task RunToEnd(Command command)
    {
        await using var running = command.Start();
        await running.WriteInputAsync("x\n", close: true, CancellationToken.None);
        await Collect(running);
    }

    [DllImport("libc")]
    private static extern int dup(int descriptor);

    [DllImport("libc")]
    private static extern int close(int descriptor);

    private static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;

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
