using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Wrapper.Server.Security;

namespace Wrapper.Server.RateLimiting;

/// <summary>
/// One fixed one-minute window per (endpoint group, client address). The middleware's global
/// limiter is this, keyed by the request's group; failed API key attempts draw on the Auth group,
/// which no route uses. A CLI's call to the gateway's own MCP endpoint (a live capability token)
/// is never counted: every CLI on the machine shares 127.0.0.1, and a refused call silently costs
/// the model its tools.
/// </summary>
internal sealed class GatewayRateLimits : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<(RateLimitGroup Group, string Client)> _limiter;
    private readonly ClientAddress _clients;

    public GatewayRateLimits(IOptions<RateLimitOptions> options, ClientAddress clients, McpCallers mcpCallers, TimeProvider time)
    {
        _clients = clients;
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.Create<(RateLimitGroup Group, string Client), (RateLimitGroup, string)>(key =>
            settings.Enabled && key.Group != RateLimitGroup.Cli
                ? RateLimitPartition.Get(key, _ => new FixedWindow(settings.Limit(key.Group), Window, time))
                : RateLimitPartition.GetNoLimiter(key));
        ForRequests = _limiter.WithTranslatedKey<HttpContext>(context =>
            mcpCallers.Holds(context) ? (RateLimitGroup.Cli, "") : (RateLimitGroups.Of(context.Request.Path), _clients.PartitionKey(context)), leaveOpen: true);
    }

    /// <summary>The limiter the rate-limiting middleware applies to every request.</summary>
    public PartitionedRateLimiter<HttpContext> ForRequests { get; }

    /// <summary>Counts a failed key attempt; the lease says whether it was still within the limit.</summary>
    public RateLimitLease CountFailedKey(HttpContext context) =>
        _limiter.AttemptAcquire((RateLimitGroup.Auth, _clients.PartitionKey(context)));

    public void Dispose()
    {
        ForRequests.Dispose();
        _limiter.Dispose();
    }
}
