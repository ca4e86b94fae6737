namespace Wrapper.Server.Configuration;

/// <summary>Session hygiene (the seed's names and defaults). Keys are environment variable names.</summary>
internal sealed record CleanupOptions
{
    /// <summary>Delete what the CLIs leave behind for Wrapper's sandboxes (transcripts, project folders).</summary>
    [ConfigurationKeyName("CLEANUP_SESSIONS")] public bool CleanupSessions { get; init; } = true;

    /// <summary>How old such files must be before they go; 0 deletes them as soon as the request ends.</summary>
    [ConfigurationKeyName("CLEANUP_DELAY_MINUTES")] public int CleanupDelayMinutes { get; init; } = 720;

    public TimeSpan CleanupDelay => TimeSpan.FromMinutes(CleanupDelayMinutes);
}
