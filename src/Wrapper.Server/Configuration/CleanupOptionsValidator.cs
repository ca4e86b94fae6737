namespace Wrapper.Server.Configuration;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class CleanupOptionsValidator() : OptionsValidator<CleanupOptions>(
    Fail(o => o.CleanupDelayMinutes < 0, o => $"CLEANUP_DELAY_MINUTES must be zero or more minutes (got {o.CleanupDelayMinutes})."));
