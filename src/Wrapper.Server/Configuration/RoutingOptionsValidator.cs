using Wrapper.Server.Core;

namespace Wrapper.Server.Configuration;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class RoutingOptionsValidator() : OptionsValidator<RoutingOptions>(
    Fail(o => ModelMap.FirstMalformed(o.ModelMap) is not null,
        o => $"MODEL_MAP entries must be pattern=model, separated by commas (got '{ModelMap.FirstMalformed(o.ModelMap)}')."));
