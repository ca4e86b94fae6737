using Wrapper.Server.Dialects.OpenAiChat.Contracts;
using Microsoft.Extensions.Options;
using Wrapper.Server.Api.Contracts;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Security;

/// <summary>Header size (Kestrel), message count (chat bodies) and CORS, from <see cref="RequestLimitOptions"/>.</summary>
internal static class RequestLimits
{
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Limits.MaxRequestHeadersTotalSize = kestrel.ApplicationServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value.MaxHeaderBytes);
        builder.Services.AddCors();
        return builder;
    }

    /// <summary>
    /// CORS headers for the origins <see cref="OriginCheck"/> lets through; preflights are answered
    /// before the key check (they carry no key). Private Network Access preflights
    /// (<c>Access-Control-Request-Private-Network</c>) are never granted.
    /// </summary>
    public static WebApplication UseWrapperCors(this WebApplication app)
    {
        var origins = BrowserOrigins.From(app.Services);
        if (origins is { AnyOrigin: false, Listed.Count: 0 }) return app;
        app.UseCors(policy =>
        {
            if (origins.AnyOrigin) policy.AllowAnyOrigin();
            else policy.WithOrigins([.. origins.Listed]);
            policy.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Retry-After");
        });
        return app;
    }

    /// <summary>400 naming 'messages' when a chat request carries more than MAX_MESSAGES.</summary>
    public static void CheckMessageCount(ChatCompletionRequest body, int maxMessages) => CheckMessageCount(body.Messages?.Count ?? 0, maxMessages);

    /// <summary>400 naming 'messages' when a request of any dialect carries more than MAX_MESSAGES.</summary>
    public static void CheckMessageCount(int count, int maxMessages)
    {
        if (count > maxMessages)
            throw new GatewayException(GatewayError.InvalidRequest(
                $"'messages' holds {count} messages; this gateway accepts at most {maxMessages} (MAX_MESSAGES).", "messages", "too_many_messages"));
    }
}
