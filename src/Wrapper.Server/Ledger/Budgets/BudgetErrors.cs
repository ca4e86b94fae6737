using System.Globalization;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Ledger.Budgets;

/// <summary>A key's refusals, in OpenAI's error shape; each names the key, the limit and when to come back.</summary>
internal static class BudgetErrors
{
    public static GatewayError TokensSpent(string key, long budget, long used, DateTimeOffset now)
    {
        var reset = BudgetClock.NextReset(now);
        var wait = reset - now;
        return new GatewayError(StatusCodes.Status429TooManyRequests, "insufficient_quota", "budget_exceeded",
            $"The key '{key}' has used {used.ToString(CultureInfo.InvariantCulture)} of its {budget.ToString(CultureInfo.InvariantCulture)} tokens for today (tokens_per_day). " +
            $"The budget resets at {reset.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} (midnight UTC, in {(int)wait.TotalHours} h {wait.Minutes} min).")
        {
            RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)),
        };
    }

    public static GatewayError TooManyRequests(string key, int perMinute, int seconds) =>
        new(StatusCodes.Status429TooManyRequests, "rate_limit_exceeded", "requests_per_minute_exceeded",
            $"The key '{key}' allows {perMinute} requests a minute (requests_per_minute). Try again in {seconds} seconds.")
        {
            RetryAfterSeconds = seconds,
        };

    public static GatewayError ModelNotAllowed(string key, string model, IReadOnlyList<string> allowed) =>
        new(StatusCodes.Status403Forbidden, "permission_error", "model_not_allowed",
            $"The key '{key}' may not use the model '{model}'; it may use: {string.Join(", ", allowed)}.", "model");
}
