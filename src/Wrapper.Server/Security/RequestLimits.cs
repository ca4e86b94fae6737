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

    /// <summary>Browsers from CORS_ORIGINS may call; preflights are answered before the key check (they carry no key).</summary>
    public static WebApplication UseWrapperCors(this WebApplication app)
    {
        CorsOrigins.TryParse(app.Services.GetRequiredService<IOptions<RequestLimitOptions>>().Value.CorsOrigins, out var origins);
        if (origins.Count == 0) return app;
        app.UseCors(policy =>
        {
            if (CorsOrigins.AllowsAny(origins)) policy.AllowAnyOrigin();
            else policy.WithOrigins([.. origins]);
            policy.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Retry-After");
        });
        return app;
    }

    /// <summary>400 naming 'messages' when a chat request carries more than MAX_MESSAGES.</summary>
    public static void CheckMessageCount(ChatCompletionRequest body, int maxMessages)
    {
        if (body.Messages is { Count: var count } && count > maxMessages)
            throw new GatewayException(GatewayError.InvalidRequest(
                $"'messages' holds {count} messages; this gateway accepts at most {maxMessages} (MAX_MESSAGES).", "messages", "too_many_messages"));
    }
}
