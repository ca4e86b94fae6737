namespace Wrapper.Server.Providers;

/// <summary>How the transcript names one image of a message (<c>Image #1: attached image 3</c>), and what the CLI needs to attach it.</summary>
internal sealed record ImageLabel(string Text, string? Reference);
