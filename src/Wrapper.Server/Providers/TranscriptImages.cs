using System.Text.RegularExpressions;
using Wrapper.Server.Core;

namespace Wrapper.Server.Providers;

/// <summary>
/// Labels the images of a transcript. "#N" is the image's place in its own message (what a client's
/// "[Image #N]" means); new images, the ones after the last assistant message, are also numbered in
/// the order the provider attaches them, so that the model can tell which attachment is meant.
/// Earlier images were shown in earlier turns and are not sent again.
/// </summary>
internal sealed partial class TranscriptImages(bool attaches, IReadOnlyList<string>? references)
{
    private int _attached;

    public IReadOnlyList<ImageLabel> Label(ConversationMessage message, bool isNew)
    {
        var labels = new List<ImageLabel>(message.ImageCount);
        for (var i = 1; i <= message.ImageCount; i++)
        {
            if (!isNew) labels.Add(new ImageLabel($"Image #{i}: shown in an earlier turn", null));
            else if (!attaches) labels.Add(new ImageLabel($"Image #{i}: not shown, this model receives no images here", null));
            else
            {
                var number = ++_attached;
                labels.Add(new ImageLabel($"Image #{i}: attached image {number}", references?.ElementAtOrDefault(number - 1)));
            }
        }
        return labels;
    }

    /// <summary>The text with each "[Image #N]" that names one of the message's own images replaced by that image's label.</summary>
    public static string MapReferences(string text, IReadOnlyList<ImageLabel> labels) =>
        labels.Count == 0 ? text : Reference().Replace(text, match =>
            int.TryParse(match.Groups[1].ValueSpan, out var n) && n >= 1 && n <= labels.Count ? $"[{labels[n - 1].Text}]" : match.Value);

    [GeneratedRegex(@"\[Image #(\d{1,4})\]")]
    private static partial Regex Reference();
}
