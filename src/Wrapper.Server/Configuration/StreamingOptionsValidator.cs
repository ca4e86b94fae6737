namespace Wrapper.Server.Configuration;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class StreamingOptionsValidator() : OptionsValidator<StreamingOptions>(
    Fail(o => o.KeepaliveIntervalSeconds <= 0, o => $"SSE_KEEPALIVE_INTERVAL must be a positive number of seconds (got {o.KeepaliveIntervalSeconds})."),
    Fail(o => o.ProgressIntervalSeconds <= 0, o => $"PROGRESS_INTERVAL must be a positive number of seconds (got {o.ProgressIntervalSeconds})."));
