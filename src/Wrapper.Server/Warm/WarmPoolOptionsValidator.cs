using Wrapper.Server.Configuration;

namespace Wrapper.Server.Warm;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class WarmPoolOptionsValidator() : OptionsValidator<WarmPoolOptions>(
    Fail(o => o.SizePerKey is < 0 or > 64, o => $"WARM_POOL_SIZE_PER_KEY must be between 0 and 64 (got {o.SizePerKey})."),
    Fail(o => o.SizeTotal is < 0 or > 256, o => $"WARM_POOL_SIZE_TOTAL must be between 0 and 256 (got {o.SizeTotal})."),
    Fail(o => o.IdleTimeoutSeconds <= 0, o => $"WARM_POOL_IDLE_TIMEOUT must be a positive number of seconds (got {o.IdleTimeoutSeconds})."),
    Fail(o => !Enum.IsDefined(o.Reuse), o => $"WARM_POOL_REUSE must be auto, true or false (got {(int)o.Reuse})."),
    Fail(o => o.MaxUses <= 0, o => $"WARM_POOL_MAX_USES must be at least 1 (got {o.MaxUses})."));
