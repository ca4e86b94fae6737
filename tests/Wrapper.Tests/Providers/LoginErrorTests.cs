using Wrapper.Server.Providers.Claude;
using Wrapper.Server.Providers.Gemini;
using Wrapper.Server.Providers.Qwen;

namespace Wrapper.Tests.Providers;

/// <summary>Dead and fragile logins get errors that say what happened and what to do.</summary>
public sealed class LoginErrorTests
{
    [Test]
    public void Geminis_IneligibleTierError_says_consumer_logins_ended_and_what_still_works()
    {
        var fromResult = GeminiErrorClassifier.FromResult("IneligibleTierError: This account is not eligible for Gemini Code Assist for individuals.");
        var fromExit = GeminiErrorClassifier.FromExit(41, "IneligibleTierError: not eligible");

        foreach (var error in new[] { fromResult, fromExit })
        {
            Assert.That(error.Status, Is.EqualTo(401));
            Assert.That(error.Message, Does.Contain("2026-06-18").And.Contain("GEMINI_API_KEY").And.Contain("Vertex").And.Contain("Code Assist"));
            Assert.That(error.Message, Does.Contain("logging in again does not help"));
        }
    }

    [Test]
    public void Qwens_discontinued_OAuth_says_to_use_an_API_key()
    {
        var error = QwenErrorClassifier.Classify("Qwen OAuth free tier has been discontinued as of 2026-04-15.\n\nTo continue using Qwen Code, try one of these alternatives:");

        Assert.That(error.Status, Is.EqualTo(401));
        Assert.That(error.Code, Is.EqualTo("cli_authentication_failed"));
        Assert.That(error.Message, Does.Contain("discontinued on 2026-04-15").And.Contain("OPENAI_API_KEY").And.Contain("OPENAI_BASE_URL"));
    }

    [Test]
    public void Anthropics_extra_usage_400_says_what_it_means_and_what_to_do()
    {
        var error = ClaudeErrorClassifier.Classify(400, "API Error: 400 Third-party apps now draw from your extra usage, not your plan limits.");

        Assert.That(error.Status, Is.EqualTo(403));
        Assert.That(error.Code, Is.EqualTo("subscription_usage_refused"));
        Assert.That(error.Message, Does.Contain("extra usage").And.Contain("ANTHROPIC_API_KEY").And.Contain("claude.ai"));
    }

    [Test]
    public void An_expired_Claude_login_names_the_CLI_and_how_to_log_in_again()
    {
        var error = ClaudeErrorClassifier.Classify(401, "OAuth token has expired. Please obtain a new token or refresh your existing token.");

        Assert.That(error.Status, Is.EqualTo(401));
        Assert.That(error.Message, Does.Contain("Claude Code's login has expired").And.Contain("/login").And.Contain("claude setup-token"));
    }

    [Test]
    public void An_ordinary_400_stays_a_refused_request()
    {
        var error = ClaudeErrorClassifier.Classify(400, "messages.0.content: field required");

        Assert.That(error.Status, Is.EqualTo(400));
        Assert.That(error.Code, Is.EqualTo("upstream_rejected"));
    }
}
