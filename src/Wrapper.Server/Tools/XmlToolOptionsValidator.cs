using Wrapper.Server.Configuration;

namespace Wrapper.Server.Tools;

/// <summary>Start-up checks; every message names the setting to fix.</summary>
internal sealed class XmlToolOptionsValidator() : OptionsValidator<XmlToolOptions>(
    Fail(o => !(o.ConfidenceThreshold > 0), o => $"XML_CONFIDENCE_THRESHOLD must be a positive number (got {o.ConfidenceThreshold})."));
