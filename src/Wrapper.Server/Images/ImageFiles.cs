using Wrapper.Server.Processes;

namespace Wrapper.Server.Images;

/// <summary>
/// Writes a request's new images into the CLI's working directory, for the CLIs that take images
/// as files (Gemini CLI and Qwen Code through <c>@path</c> in the prompt, Codex through
/// <c>--image</c>). The names number them in attachment order and their extension names the format,
/// which is where those CLIs take the media type from; they go when the sandbox goes.
/// </summary>
internal static class ImageFiles
{
    /// <returns>The file names, relative to the working directory, in attachment order.</returns>
    public static IReadOnlyList<string> Write(IReadOnlyList<PreparedImage> images, Sandbox sandbox) =>
        [.. images.Select((image, i) => sandbox.WriteWorkFile($"image-{i + 1:D3}.{image.Format.Extension()}", image.Bytes))];
}
