using System.Globalization;
using System.Text.RegularExpressions;
using Wrapper.Server.Diagnostics;

namespace Wrapper.Server.Providers.Qwen;

/// <summary>
/// Reads the retry lines of Qwen Code's debug log. Around each model call, whose OpenAI SDK already
/// retries UPSTREAM_MAX_RETRIES times (<c>model.generationConfig.maxRetries</c>), 0.15.10 has an outer
/// loop of 7 attempts with back-off from 1.5 s (about 80 s in all) that no setting or variable
/// reaches. Each failed outer attempt is logged as
/// <c>[RETRY] Attempt 1 failed with status 500. Retrying with backoff... Error: 500 &lt;API message&gt;</c>.
/// </summary>
internal static partial class QwenRetryLog
{
    /// <summary>The error a failed-attempt line reports; null for any other line.</summary>
    public static GatewayError? FailureIn(string line)
    {
        var match = FailedAttempt().Match(line);
        if (!match.Success) return null;
        var status = int.Parse(match.Groups["status"].ValueSpan, CultureInfo.InvariantCulture);
        return QwenErrorClassifier.FromStatus(status, match.Groups["detail"].Value);
    }

    // The detail is the SDK's error message without its "Error: 500 " lead.
    [GeneratedRegex(@"\[RETRY\] Attempt \d+ failed with status (?<status>\d{3})\b.*?\.\.\.\s*(?:\w*Error: )?(?:\d{3} )?(?<detail>.*)$")]
    private static partial Regex FailedAttempt();
}
