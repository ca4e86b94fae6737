using Wrapper.Server.Core;
using Wrapper.Server.Images;
using Wrapper.Server.Processes;

namespace Wrapper.Server.Providers;

/// <summary>
/// The image hand-off of Gemini CLI and Qwen Code: each new image is a file in the working directory
/// (their workspace), named in the prompt as <c>@image-001.png</c>. Both CLIs resolve such references
/// before the first model call, with their own file reader rather than a registered tool, so this
/// works with every built-in tool off: the file arrives as an inline image part (Gemini
/// <c>inlineData</c>, OpenAI <c>image_url</c> data URL) after the prompt text.
/// </summary>
internal static class AtPathImages
{
    public static string Prompt(CompletionRequest request, Sandbox sandbox) =>
        TranscriptBuilder.Build(request.Messages, attachesImages: true, [.. ImageFiles.Write(request.Images, sandbox).Select(name => "@" + name)]);
}
