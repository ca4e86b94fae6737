using Wrapper.Server.Configuration;

namespace Wrapper.Server.Continuation;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class HeldTurnOptionsValidator() : OptionsValidator<HeldTurnOptions>(
    Fail(o => o.MaxHeld is < 0 or > 256, o => $"HELD_TURNS_MAX must be between 0 and 256 (got {o.MaxHeld})."),
    Fail(o => o.IdleTimeoutSeconds is <= 0 or > 3600, o => $"HELD_TURN_IDLE_TIMEOUT must be between 1 and 3600 seconds (got {o.IdleTimeoutSeconds})."));
