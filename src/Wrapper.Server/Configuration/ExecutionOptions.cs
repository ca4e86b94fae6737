namespace Wrapper.Server.Configuration;

/// <summary>How long a CLI may run and how it is stopped. Keys are the environment variable names.</summary>
internal sealed record ExecutionOptions
{
    /// <summary>Whole-request limit, in milliseconds (the seed's name and default).</summary>
    [ConfigurationKeyName("MAX_TIMEOUT")] public int MaxTimeoutMs { get; init; } = 600_000;

    /// <summary>A CLI that writes nothing for this long, in milliseconds, is considered stuck.</summary>
    [ConfigurationKeyName("INACTIVITY_TIMEOUT")] public int InactivityTimeoutMs { get; init; } = 300_000;

    /// <summary>Between the polite stop signal and the kill of the whole process tree, in milliseconds.</summary>
    [ConfigurationKeyName("KILL_GRACE_PERIOD")] public int KillGracePeriodMs { get; init; } = 2_000;

    /// <summary>Retries the CLI itself may make on an upstream error; the CLIs' defaults take minutes.</summary>
    [ConfigurationKeyName("UPSTREAM_MAX_RETRIES")] public int UpstreamMaxRetries { get; init; } = 1;

    /// <summary>On shutdown (SIGTERM), how long running requests may take to finish, in milliseconds, before their CLIs are stopped.</summary>
    [ConfigurationKeyName("SHUTDOWN_GRACE_PERIOD")] public int ShutdownGracePeriodMs { get; init; } = 30_000;

    /// <summary>Parent folder of the per-request sandboxes; empty means the system temp folder.</summary>
    [ConfigurationKeyName("SANDBOX_ROOT")] public string SandboxRoot { get; init; } = "";

    public TimeSpan MaxTimeout => TimeSpan.FromMilliseconds(MaxTimeoutMs);
    public TimeSpan InactivityTimeout => TimeSpan.FromMilliseconds(InactivityTimeoutMs);
    public TimeSpan KillGracePeriod => TimeSpan.FromMilliseconds(KillGracePeriodMs);

    public string ResolvedSandboxRoot => string.IsNullOrWhiteSpace(SandboxRoot)
        ? Path.Combine(Path.GetTempPath(), "wrapper-sandboxes")
        : Path.GetFullPath(SandboxRoot);
}
