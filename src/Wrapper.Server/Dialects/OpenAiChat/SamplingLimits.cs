using Wrapper.Server.Dialects.OpenAiChat.Contracts;
using System.Globalization;
using Wrapper.Server.Api.Contracts;

namespace Wrapper.Server.Dialects.OpenAiChat;

/// <summary>
/// The ranges OpenAI documents for the sampling fields (https://platform.openai.com/docs/api-reference/chat/create):
/// a value outside them is a 400 naming the field, as OpenAI answers, rather than a 200 that silently
/// ignored it. The CLIs take none of these values; a client that sends them expects them checked.
/// </summary>
internal static class SamplingLimits
{
    public static void Check(ChatCompletionRequest body)
    {
        if (body.N is { } n && n != 1)
            throw ChatRequestValidator.Invalid($"'n' is {n}; the gateway answers with exactly one choice, so it must be 1 or left out.", "n");
        Range(body.Temperature, "temperature", 0, 2);
        Range(body.TopP, "top_p", 0, 1);
        Range(body.PresencePenalty, "presence_penalty", -2, 2);
        Range(body.FrequencyPenalty, "frequency_penalty", -2, 2);
        // -1 and 0 mean "no limit" to the clients that send them (Roo Code sends max_completion_tokens: -1).
        Tokens(body.MaxTokens, "max_tokens");
        Tokens(body.MaxCompletionTokens, "max_completion_tokens");
    }

    private static void Range(double? value, string field, double min, double max)
    {
        if (value is { } v && !(v >= min && v <= max))
            throw ChatRequestValidator.Invalid(
                $"'{field}' is {v.ToString(CultureInfo.InvariantCulture)}; it must be between {min} and {max}.", field);
    }

    private static void Tokens(int? value, string field)
    {
        if (value < -1)
            throw ChatRequestValidator.Invalid($"'{field}' is {value}; it must be a positive number of tokens, or -1 or 0 for no limit.", field);
    }
}
