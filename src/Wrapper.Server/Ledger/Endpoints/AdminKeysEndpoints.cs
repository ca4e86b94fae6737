using System.Text.Json;
using Wrapper.Server.Api;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Ledger.Budgets;
using Wrapper.Server.Ledger.Contracts;
using Wrapper.Server.Security.Keys;

namespace Wrapper.Server.Ledger.Endpoints;

/// <summary>
/// <c>POST /admin/keys</c> (the key in the answer, the only time it is shown), <c>GET /admin/keys</c>
/// (every key with today's use and what is left) and <c>DELETE /admin/keys/{name}</c> (refused at
/// once from then on). Admin key only (Security/AdminRoutes).
/// </summary>
internal static class AdminKeysEndpoints
{
    public static WebApplication MapKeyAdmin(this WebApplication app)
    {
        var group = app.MapGroup("/admin/keys");
        group.MapPost("", CreateAsync);
        group.MapGet("", ListAsync);
        group.MapDelete("/{name}", RevokeAsync);
        return app;
    }

    private static async Task CreateAsync(HttpContext context, ClientKeys keys, KeyBudgets budgets, TimeProvider time) =>
        await AnswerAsync(context, async aborted =>
        {
            JsonElement body;
            try
            {
                body = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: aborted)).RootElement;
            }
            catch (JsonException)
            {
                throw new GatewayException(GatewayError.InvalidRequest("The request body is not valid JSON.", null, "invalid_json"));
            }
            var request = KeyRequest.Parse(body);
            var made = await keys.CreateAsync(request.Name, request.TokensPerDay, request.RequestsPerMinute, request.Models, aborted)
                ?? throw new GatewayException(new GatewayError(StatusCodes.Status409Conflict, "invalid_request_error", "key_exists",
                    $"A key named '{request.Name}' exists already; revoke it first or choose another name.", "name"));
            var view = await ViewAsync(made.Stored, budgets, time, aborted) with { Key = made.Key };
            return TypedResults.Json(view, LedgerJsonContext.Default.KeyView, statusCode: StatusCodes.Status201Created);
        });

    private static async Task ListAsync(HttpContext context, ClientKeys keys, KeyBudgets budgets, TimeProvider time) =>
        await AnswerAsync(context, async aborted =>
        {
            var views = new List<KeyView>();
            foreach (var key in await keys.ListAsync(aborted)) views.Add(await ViewAsync(key, budgets, time, aborted));
            return TypedResults.Json(new KeyList(views), LedgerJsonContext.Default.KeyList);
        });

    private static async Task RevokeAsync(HttpContext context, string name, ClientKeys keys) =>
        await AnswerAsync(context, async aborted => await keys.RevokeAsync(name, aborted)
            ? TypedResults.Json(new KeyDeleted(name), LedgerJsonContext.Default.KeyDeleted)
            : throw new GatewayException(new GatewayError(StatusCodes.Status404NotFound, "invalid_request_error", "key_not_found", $"No key is named '{name}'.", "name")));

    private static async Task<KeyView> ViewAsync(ClientKey key, KeyBudgets budgets, TimeProvider time, CancellationToken cancellationToken)
    {
        var (tokens, recent) = await budgets.TodayAsync(key.Name, cancellationToken);
        return new KeyView
        {
            Name = key.Name,
            CreatedAt = key.CreatedAt.ToUnixTimeSeconds(),
            TokensPerDay = key.TokensPerDay,
            RequestsPerMinute = key.RequestsPerMinute,
            Models = key.Models,
            TokensToday = tokens,
            TokensLeft = key.TokensPerDay is { } budget ? Math.Max(0, budget - tokens) : null,
            RequestsLastMinute = recent,
            ResetsAt = BudgetClock.NextReset(time.GetUtcNow()).ToUnixTimeSeconds(),
        };
    }

    /// <summary>Runs a handler; its refusals and a database that does not answer become errors in OpenAI's shape.</summary>
    private static async Task AnswerAsync(HttpContext context, Func<CancellationToken, Task<IResult>> handle)
    {
        var aborted = context.RequestAborted;
        IResult result;
        try
        {
            result = await handle(aborted);
        }
        catch (GatewayException e)
        {
            await ErrorResponses.WriteAsync(context.Response, e.Error, aborted);
            return;
        }
        catch (System.Data.Common.DbException)
        {
            await ErrorResponses.WriteAsync(context.Response, UsageEndpoint.LedgerUnavailable(), aborted);
            return;
        }
        await result.ExecuteAsync(context);
    }
}
