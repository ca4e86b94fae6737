using System.Text.Json.Serialization;

namespace Wrapper.Server.Dialects.OpenAiChat.Contracts;

/// <summary>A message's content, always as parts: a plain string arrives as one text part.</summary>
[JsonConverter(typeof(MessageContentConverter))]
internal sealed record MessageContent(IReadOnlyList<ContentPart> Parts)
{
    /// <summary>
    /// The text parts, one per line (clients split a turn into parts such as the task and the
    /// environment details); other parts are the business of whoever handles them.
    /// </summary>
    public string Text => string.Join('\n', Parts.Where(p => p.Type == ContentPart.TextType).Select(p => p.Text));
}

internal sealed record ContentPart
{
    public const string TextType = "text";
    public const string ImageUrlType = "image_url";

    public string? Type { get; init; }
    public string? Text { get; init; }
    public ImageUrl? ImageUrl { get; init; }
}

internal sealed record ImageUrl
{
    public string? Url { get; init; }
    public string? Detail { get; init; }
}
