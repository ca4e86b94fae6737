using Wrapper.Server.Configuration;

namespace Wrapper.Server.Dialects.OpenAiResponses.Storage;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class ResponsesOptionsValidator() : OptionsValidator<ResponsesOptions>(
    Fail(o => o.TtlHours is < 1 or > 8760, o => $"RESPONSES_TTL_HOURS must be between 1 and 8760 hours (got {o.TtlHours})."),
    Fail(o => o.MaxStored is < 1 or > 1_000_000, o => $"RESPONSES_MAX_STORED must be between 1 and 1000000 responses per client (got {o.MaxStored})."));
