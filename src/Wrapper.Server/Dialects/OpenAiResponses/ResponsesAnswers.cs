using System.Data.Common;
using Microsoft.Extensions.Options;
using Wrapper.Server.Configuration;
using Wrapper.Server.Dialects.OpenAiResponses.Contracts;
using Wrapper.Server.Dialects.OpenAiResponses.Storage;
using Wrapper.Server.Dialects.Streaming;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>What every <see cref="ResponsesAnswer"/> shares: the stream, the store, the keepalive interval.</summary>
internal sealed partial class ResponsesAnswers(HeldBackStream stream, ResponseStore store, IOptions<StreamingOptions> streaming, ILogger<ResponsesAnswers> logger)
{
    public HeldBackStream Stream => stream;
    public ResponseStore Store => store;
    public TimeSpan KeepaliveInterval => streaming.Value.KeepaliveInterval;

    public ResponsesAnswer Create() => new(this);

    /// <summary>Stores a finished response unless the client said <c>store: false</c>; a database failure is logged, the answer still goes out.</summary>
    public async Task StoreAsync(string client, ResponseDraft draft, ResponseObject response, CancellationToken cancellationToken)
    {
        if (!draft.Store || response.Status == "failed") return;
        try
        {
            await store.SaveAsync(client, draft, response, cancellationToken);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
        {
            LogStoreFailed(logger, e, response.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Response {ResponseId} could not be stored; previous_response_id will not find it")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string responseId);
}
