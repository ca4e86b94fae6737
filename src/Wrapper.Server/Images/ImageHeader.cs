using SixLabors.ImageSharp.Formats;

namespace Wrapper.Server.Images;

/// <summary>What an image's header says: its format (null when unknown), its size, or why it cannot be read.</summary>
internal sealed record ImageHeader(IImageFormat? Format, int Width, int Height, string? Problem)
{
    /// <summary>The format as people write it: PNG, JPEG, GIF, TIFF.</summary>
    public string FormatName => Format?.Name.ToUpperInvariant() ?? "unknown";
}
