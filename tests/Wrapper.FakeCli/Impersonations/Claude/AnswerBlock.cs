namespace Wrapper.FakeCli.Impersonations.Claude;

/// <summary>One content block of the answer: "thinking" or "text".</summary>
internal sealed record AnswerBlock(string Type, string Text)
{
    public bool IsThinking => Type == "thinking";

    /// <summary>The delta type and field that carry this block's text in content_block_delta.</summary>
    public (string DeltaType, string Field) Delta => IsThinking ? ("thinking_delta", "thinking") : ("text_delta", "text");

    /// <summary>Stands in for the opaque signature Anthropic attaches to thinking blocks.</summary>
    public const string FakeSignature = "ZmFrZS1zaWduYXR1cmU=";
}
