using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;
using Wrapper.Server.Processes;
using Wrapper.Tests.Providers;

namespace Wrapper.Tests.Processes;

/// <summary>The janitor deletes Wrapper's own leftovers and nothing else, in a fake home that also holds the user's projects.</summary>
public sealed class SessionJanitorTests
{
    private string _scratch = "";
    private string _home = "";
    private string _sandboxRoot = "";
    private string _projects = "";

    [SetUp]
    public void CreateFakeHome()
    {
        _scratch = Directory.CreateTempSubdirectory("wrapper-janitor-").FullName;
        _home = Directory.CreateDirectory(Path.Combine(_scratch, "home")).FullName;
        _sandboxRoot = Directory.CreateDirectory(Path.Combine(_scratch, "sandboxes")).FullName;
        _projects = Directory.CreateDirectory(Path.Combine(_home, ".claude", "projects")).FullName;
    }

    [TearDown]
    public void RemoveFakeHome() => Directory.Delete(_scratch, recursive: true);

    [Test]
    public void Old_CLI_files_of_Wrapper_sandboxes_go_and_the_users_own_projects_stay()
    {
        var users = Project("-home-ada-code-myapp");
        var usersNearMiss = Project(Sanitize(_sandboxRoot) + "-notes");   // same parent, not a sandbox
        var ours = Project(Sanitize(Path.Combine(_sandboxRoot, "req-123-abc", "work")));
        var userSettings = Path.Combine(_home, ".claude", "settings.json");
        File.WriteAllText(userSettings, "{}");

        Janitor(delayMinutes: 0).SweepSessionFiles();

        Assert.That(Directory.Exists(ours), Is.False);
        Assert.That(Directory.Exists(users), Is.True);
        Assert.That(Directory.Exists(usersNearMiss), Is.True);
        Assert.That(File.Exists(userSettings), Is.True);
    }

    [Test]
    public void Files_younger_than_the_delay_are_kept_and_nothing_goes_with_cleanup_off()
    {
        var ours = Project(Sanitize(Path.Combine(_sandboxRoot, "req-123-abc", "work")));

        Janitor(delayMinutes: 720).SweepSessionFiles();
        Janitor(delayMinutes: 0, cleanup: false).SweepSessionFiles();

        Assert.That(Directory.Exists(ours), Is.True);
    }

    [Test]
    public void With_no_delay_a_runs_files_go_as_soon_as_it_ends()
    {
        var work = Path.Combine(_sandboxRoot, "req-1-x", "work");
        var ours = Project(Sanitize(work));

        Janitor(delayMinutes: 0).AfterRun(work);

        Assert.That(Directory.Exists(ours), Is.False);
    }

    [Test]
    public void Sandboxes_of_a_crashed_gateway_are_swept_at_start_and_live_ones_are_not()
    {
        var crashed = Directory.CreateDirectory(Path.Combine(_sandboxRoot, $"req-{DeadProcessId()}-abc")).FullName;
        var running = Directory.CreateDirectory(Path.Combine(_sandboxRoot, $"req-{Environment.ProcessId}-def")).FullName;
        var foreign = Directory.CreateDirectory(Path.Combine(_sandboxRoot, "my-own-folder")).FullName;

        Janitor(delayMinutes: 720).SweepCrashedSandboxes();

        Assert.That(Directory.Exists(crashed), Is.False);
        Assert.That(Directory.Exists(running), Is.True);
        Assert.That(Directory.Exists(foreign), Is.True, "only folders named as Wrapper names them");
    }

    private SessionJanitor Janitor(int delayMinutes, bool cleanup = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["HOME"] = _home }).Build();
        return new SessionJanitor(
            [ClaudeProviderTests.Provider(configuration: configuration)],
            Options.Create(new ExecutionOptions { SandboxRoot = _sandboxRoot }),
            Options.Create(new CleanupOptions { CleanupSessions = cleanup, CleanupDelayMinutes = delayMinutes }),
            TimeProvider.System,
            NullLogger<SessionJanitor>.Instance);
    }

    private string Project(string name) => Directory.CreateDirectory(Path.Combine(_projects, name)).FullName;

    private static string Sanitize(string path) => string.Concat(path.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    private static int DeadProcessId()
    {
        using var process = System.Diagnostics.Process.Start("/bin/true")!;
        process.WaitForExit();
        return process.Id;
    }
}
