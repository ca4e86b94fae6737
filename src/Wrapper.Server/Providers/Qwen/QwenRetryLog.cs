using System.Globalization;
using System.Text.RegularExpressions;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers.Qwen;

/// <summary>
/// Reads the retry entries of Qwen Code's debug log, one log's lines in order. Around each model call, whose
/// OpenAI SDK already retries UPSTREAM_MAX_RETRIES times (<c>model.generationConfig.maxRetries</c>), the CLI
/// has an outer loop of 7 attempts with back-off from 1.5 s (about 80 s in all) that no setting or variable
/// reaches (<c>retryWithBackoff</c> in its bundle). 0.15.10 logged a failed attempt on one line:
/// <c>[RETRY] Attempt 1 failed with status 500. Retrying with backoff... Error: 500 &lt;API message&gt;</c>.
/// 0.24 spreads it over several: the header (<c>… failed with status 500. Retrying with backoff in 2s... {</c>,
/// or <c>… failed. Retrying …</c> without a status for a refused connection), an inspected object with
/// <c>statusCode</c> or <c>transportCode</c>, then <c>} Error: 500 &lt;API message&gt;</c> and a stack trace.
/// </summary>
internal sealed partial class QwenRetryLog
{
    private Attempt? _pending;

    /// <summary>The error a failed attempt reports, once its entry is complete; null for any other line.</summary>
    public GatewayError? Read(string line)
    {
        if (FailedAttempt().Match(line) is { Success: true } header)
        {
            var flushed = Complete(null);
            int? status = header.Groups["status"].Success ? int.Parse(header.Groups["status"].ValueSpan, CultureInfo.InvariantCulture) : null;
            if (header.Groups["detail"].Success) return flushed ?? Failure(status, null, header.Groups["detail"].Value);
            _pending = new Attempt(status);
            return flushed;
        }
        if (_pending is null) return null;
        if (TransportCode().Match(line) is { Success: true } transport) _pending.Transport = transport.Groups[1].Value;
        if (ErrorLine().Match(line) is { Success: true } error) return Complete(error.Groups["detail"].Value);
        // A new entry before the error line: the attempt is over with what it told.
        return EntryStart().IsMatch(line) ? Complete(null) : null;
    }

    private GatewayError? Complete(string? detail)
    {
        if (_pending is not { } attempt) return null;
        _pending = null;
        return Failure(attempt.Status, attempt.Transport, detail ?? "");
    }

    private static GatewayError Failure(int? status, string? transport, string detail)
    {
        if (status is { } known) return QwenErrorClassifier.FromStatus(known, detail);
        // No status: the request never got an answer (connection refused, reset, DNS, TLS).
        var cause = transport is null ? detail : $"{detail} ({transport})".Trim();
        return GatewayError.Upstream($"Qwen Code could not reach the model API: {(cause.Length > 0 ? cause : "no details given")}");
    }

    private sealed class Attempt(int? status)
    {
        public int? Status { get; } = status;
        public string? Transport { get; set; }
    }

    // The detail (0.15.10's one-line form) is the SDK's error message without its "Error: 500 " lead.
    [GeneratedRegex(@"\[RETRY\] Attempt \d+ failed(?: with status (?<status>\d{3})\b)?\.(?:.*?\.\.\.\s*(?:\w*Error: )(?:\d{3} )?(?<detail>.*)$)?")]
    private static partial Regex FailedAttempt();

    [GeneratedRegex(@"^(?:\}\s*)?\w*Error: (?:\d{3} )?(?<detail>.*)$")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"transportCode: '([A-Z_]+)'")]
    private static partial Regex TransportCode();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")]
    private static partial Regex EntryStart();
}
