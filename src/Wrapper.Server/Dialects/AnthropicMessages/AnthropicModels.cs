using System.Globalization;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Dialects.AnthropicMessages.Contracts;

namespace Wrapper.Server.Dialects.AnthropicMessages;

/// <summary>
/// <c>GET /v1/models</c> for Anthropic's clients (those that send <c>anthropic-version</c>): the same
/// models as OpenAI's list, in Anthropic's page shape (https://docs.anthropic.com/en/api/models-list),
/// all on one page.
/// </summary>
internal static class AnthropicModels
{
    public static ModelPage Page(ModelList list)
    {
        var data = list.Data.Select(Info).ToList();
        return new ModelPage(data, HasMore: false, data.FirstOrDefault()?.Id, data.LastOrDefault()?.Id);
    }

    public static ModelInfo Info(ModelEntry entry) =>
        new(entry.Id, entry.Id, DateTimeOffset.FromUnixTimeSeconds(entry.Created).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
