using Wrapper.Server.Providers.Qwen;
using Wrapper.Tests.Fixtures;

namespace Wrapper.Tests.Providers;

/// <summary>
/// Qwen Code retries an upstream 429 or 5xx for more than a minute and tells only its debug log; the
/// watch ends the run at the first failed attempt there (qwen-err500-debug-log.txt is a real log).
/// </summary>
public sealed class QwenRetryWatchTests
{
    private string _debugDirectory = "";

    [SetUp]
    public void CreateDirectory() => _debugDirectory = Directory.CreateTempSubdirectory("wrapper-qwen-debug-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_debugDirectory, recursive: true);

    [Test]
    public void A_failed_attempt_line_gives_the_upstream_status_and_message()
    {
        var log = new QwenRetryLog();
        var failures = Fixture.Lines("qwen/qwen-err500-debug-log.txt").Select(log.Read).OfType<Server.Diagnostics.GatewayError>().ToList();

        Assert.That(failures, Has.Count.EqualTo(1), "only the retry line, not the OPENAI_ERROR line or the stack trace");
        Assert.That(failures[0].Status, Is.EqualTo(502));
        Assert.That(failures[0].Message, Does.Contain("500").And.Contain("fake failure 500"));
    }

    [Test]
    public void A_rate_limited_attempt_is_a_429_and_an_overloaded_one_a_503_both_with_retry_after()
    {
        var rateLimited = new QwenRetryLog().Read("2026-11-21T20:21:11.168Z [WARN] [RETRY] Attempt 1 failed with status 429. Retrying with backoff... Error: 429 Rate limit reached for requests");
        var overloaded = new QwenRetryLog().Read("2026-11-21T20:21:11.168Z [ERROR] [RETRY] Attempt 1 failed with status 503. Retrying with backoff... Error: 503 The engine is currently overloaded");

        Assert.That(rateLimited!.Status, Is.EqualTo(429));
        Assert.That(rateLimited.RetryAfterSeconds, Is.GreaterThan(0));
        Assert.That(rateLimited.Message, Does.Contain("Rate limit reached for requests").And.Not.Contain("Error: 429"));
        Assert.That(overloaded!.Status, Is.EqualTo(503));
        Assert.That(overloaded.RetryAfterSeconds, Is.GreaterThan(0));
        Assert.That(overloaded.Message, Does.Contain("The engine is currently overloaded"));
    }

    [Test]
    public void A_failed_attempt_of_0_24_written_over_several_lines_gives_the_status_and_message_once_its_error_line_is_there()
    {
        var log = new QwenRetryLog();
        var failures = Fixture.Lines("qwen/qwen-0.24-err500-debug-log.txt").Select(line => (Line: line, Failure: log.Read(line))).Where(r => r.Failure is not null).ToList();

        Assert.That(failures, Has.Count.EqualTo(4), "one for each of the four attempts the log holds");
        Assert.That(failures[0].Line, Does.StartWith("} Error: 500"), "the entry is complete at its error line, not before");
        Assert.That(failures[0].Failure!.Status, Is.EqualTo(502));
        Assert.That(failures[0].Failure!.Message, Does.Contain("fake failure 500").And.Not.Contain("Error: 500"));
    }

    [Test]
    public void A_refused_connection_of_0_24_without_a_status_is_a_502_that_names_the_cause()
    {
        var log = new QwenRetryLog();
        var failure = Fixture.Lines("qwen/qwen-0.24-refused-debug-log.txt").Select(log.Read).OfType<Server.Diagnostics.GatewayError>().First();

        Assert.That(failure.Status, Is.EqualTo(502));
        Assert.That(failure.Code, Is.EqualTo("upstream_error"));
        Assert.That(failure.Message, Does.Contain("could not reach the model API").And.Contain("Connection error.").And.Contain("ECONNREFUSED"));
    }

    [Test]
    public async Task The_watch_fails_the_run_when_the_cli_logs_a_failed_attempt_even_one_written_in_pieces()
    {
        var lines = Fixture.Lines("qwen/qwen-err500-debug-log.txt");
        var retryLine = Array.FindIndex(lines, l => l.Contains("[RETRY]", StringComparison.Ordinal));
        var log = Path.Combine(_debugDirectory, "session.txt");
        await File.WriteAllLinesAsync(log, lines[..retryLine]);
        using var watch = new QwenRetryWatch(_debugDirectory, TimeProvider.System);

        await Task.Delay(600);
        Assert.That(watch.Failure, Is.Null, "an ordinary log is no failure");
        Assert.That(watch.Failed.IsCancellationRequested, Is.False);

        // Cut where the first half alone would already read as a failed attempt.
        var cut = lines[retryLine].IndexOf("failure 500", StringComparison.Ordinal);
        await File.AppendAllTextAsync(log, lines[retryLine][..cut]);
        await Task.Delay(600);
        Assert.That(watch.Failure, Is.Null, "half a line is not read as a line");

        await File.AppendAllTextAsync(log, lines[retryLine][cut..] + "\n");
        var failed = await TestSupport.Processes.EventuallyAsync(() => watch.Failed.IsCancellationRequested, TimeSpan.FromSeconds(5));
        Assert.That(failed, Is.True);
        Assert.That(watch.Failure!.Status, Is.EqualTo(502));
        Assert.That(watch.Failure.Message, Does.Contain("fake failure 500"));
    }

    [Test]
    public void A_watch_on_a_missing_folder_waits_and_disposes_cleanly()
    {
        var watch = new QwenRetryWatch(Path.Combine(_debugDirectory, "not-yet"), TimeProvider.System);
        Thread.Sleep(300);

        Assert.That(watch.Failure, Is.Null);
        Assert.DoesNotThrow(watch.Dispose);
    }
}
