using Wrapper.Server.Core;

namespace Wrapper.Server.Dialects.AnthropicMessages;

/// <summary>
/// The <c>count_tokens</c> answer: an estimate, since the CLIs expose no tokenizer and the request
/// may go to any model. About four characters a token for text (the usual rule for English and
/// code), and 1,600 tokens per image (Anthropic's figure for an image at its largest unscaled size,
/// https://docs.anthropic.com/en/docs/build-with-claude/vision#calculate-image-costs).
/// </summary>
internal static class TokenEstimate
{
    private const int CharactersPerToken = 4;
    private const int TokensPerImage = 1600;

    public static int Of(CompletionRequest request)
    {
        long characters = request.SystemPrompt?.Length ?? 0;
        foreach (var message in request.Messages)
            characters += message.Text.Length + message.ToolCalls.Sum(c => (c.Name?.Length ?? 0) + (c.Arguments?.Length ?? 0));
        foreach (var tool in request.Tools)
            characters += tool.Name.Length + tool.Description.Length + tool.InputSchema.GetRawText().Length;
        var images = request.Messages.Sum(m => m.ImageCount);
        return (int)Math.Min(int.MaxValue, Math.Max(1, (characters + CharactersPerToken - 1) / CharactersPerToken + (long)images * TokensPerImage));
    }
}
