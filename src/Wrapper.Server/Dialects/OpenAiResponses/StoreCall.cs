using System.Data.Common;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Dialects.OpenAiResponses;

/// <summary>A read of the response store that the database could not answer is a 503 the client may retry, not a 500.</summary>
internal static class StoreCall
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DbException)
        {
            throw new GatewayException(new GatewayError(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "response_store_unavailable",
                "The database that keeps stored responses (DATA_DIR or DATABASE_URL) did not answer; retry shortly.") { RetryAfterSeconds = 5 });
        }
    }
}
