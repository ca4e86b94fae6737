using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Wrapper.IntegrationTests;

/// <summary>
/// The dashboard in a real headless browser (Debian's Chromium, driven by Playwright): the admin logs
/// in through the password field and sees what the ledger holds, drawn and readable at desktop and
/// phone sizes, with no script error.
/// </summary>
[NonParallelizable] // a browser is two processes and a few hundred MB: one at a time
public sealed class DashboardBrowserTests
{
    private const string AdminKey = "admin-key-for-the-dashboard-test-0123456789";
    private static readonly string Chromium = Environment.GetEnvironmentVariable("WRAPPER_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    [Test]
    [CancelAfter(180_000)]
    public async Task The_admin_logs_in_and_sees_each_keys_requests_and_tokens_as_the_ledger_has_them(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["API_KEY"] = AdminKey });
        var teamKey = await CreateKeyAsync(gateway, "team-a", cancellationToken);
        for (var i = 0; i < 3; i++) await ChatAsync(gateway, AdminKey, "usage in=100 out=7 cache_read=40", cancellationToken);
        for (var i = 0; i < 2; i++) await ChatAsync(gateway, teamKey, "usage in=300 out=11", cancellationToken);
        var ledger = await UsageByKeyAsync(gateway, expectedRequests: 5, cancellationToken);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") scriptErrors.Add(message.Text); };
        page.PageError += (_, error) => scriptErrors.Add(error);

        await page.GotoAsync(new Uri(gateway.BaseUrl, "dashboard").ToString());
        Assert.That(await page.IsVisibleAsync("#board"), Is.False, "no data before the key");
        Assert.That(await page.Locator("#by-key td").CountAsync(), Is.Zero);
        Assert.That(await page.GetAttributeAsync("#key", "type"), Is.EqualTo("password"));

        await page.FillAsync("#key", AdminKey);
        await page.ClickAsync("#login button[type=submit]");
        await page.WaitForSelectorAsync("#by-key tbody tr td:nth-child(2)");

        Assert.That(await page.IsVisibleAsync("#login"), Is.False, "the login form gives way to the board");
        var rows = await TableAsync(page, "#by-key");
        foreach (var (key, requests, prompt, completion) in ledger)
        {
            Assert.That(rows, Does.ContainKey(key), $"the key {key} has its row");
            Assert.That(rows[key][0], Is.EqualTo(requests.ToString("N0")), $"{key}: requests");
            Assert.That(rows[key][1], Is.EqualTo(prompt.ToString("N0")), $"{key}: prompt tokens");
            Assert.That(rows[key][2], Is.EqualTo(completion.ToString("N0")), $"{key}: completion tokens");
        }
        Assert.That(rows["admin"][3], Is.EqualTo("120"), "cached tokens: 3 requests that read 40 each");
        var keys = await TableAsync(page, "#keys");
        Assert.That(keys, Does.ContainKey("team-a"));
        Assert.That(keys["team-a"][0], Is.EqualTo("622"), "tokens spent today: 2 × (300 + 11)");
        Assert.That(keys["team-a"][1], Is.EqualTo("100,000"), "its budget");
        Assert.That(keys["team-a"][2], Is.EqualTo("99,378"), "what is left today");
        Assert.That(await page.TextContentAsync("#t-requests"), Is.EqualTo("5"));

        Assert.That(await ChartPixelsAsync(page), Is.GreaterThan(50), "the chart's bars are drawn");
        Assert.That(await page.EvaluateAsync<string?>("sessionStorage.getItem('wrapper.adminKey')"), Is.EqualTo(AdminKey));
        Assert.That(await page.EvaluateAsync<int>("localStorage.length"), Is.Zero, "the key stays in the tab");
        Assert.That(await context.CookiesAsync(), Is.Empty);
        Assert.That(await gateway.Client.GetStringAsync("dashboard", cancellationToken), Does.Not.Contain("team-a"),
            "the data comes from the admin API after login, never with the page");
        if (Environment.GetEnvironmentVariable("WRAPPER_DASHBOARD_SCREENSHOT") is { Length: > 0 } screenshot)
            await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });

        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(200);
        Assert.That(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390), "no sideways scrolling on a phone");
        Assert.That(await ChartPixelsAsync(page), Is.GreaterThan(50), "redrawn at the phone's width");
        Assert.That(scriptErrors, Is.Empty);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_wrong_key_or_a_client_key_shows_no_data(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["API_KEY"] = AdminKey });
        var teamKey = await CreateKeyAsync(gateway, "team-b", cancellationToken);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
        var page = await browser.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await page.GotoAsync(new Uri(gateway.BaseUrl, "dashboard").ToString());

        foreach (var key in new[] { "not-the-key", teamKey })
        {
            await page.FillAsync("#key", key);
            await page.ClickAsync("#login button[type=submit]");
            await page.WaitForFunctionAsync("document.getElementById('login-error').textContent.length > 0");
            Assert.That(await page.IsVisibleAsync("#board"), Is.False, key == teamKey ? "a client key is not the admin" : "a wrong key");
            Assert.That(await page.EvaluateAsync<string?>("sessionStorage.getItem('wrapper.adminKey')"), Is.Null, "a refused key is not kept");
        }
        Assert.That(scriptErrors, Is.Empty);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_page_is_served_without_a_key_with_a_strict_content_security_policy(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["API_KEY"] = AdminKey });

        using var page = await gateway.Client.GetAsync("dashboard", cancellationToken);
        using var script = await gateway.Client.GetAsync("dashboard/dashboard.js", cancellationToken);
        using var other = await gateway.Client.GetAsync("dashboard/secrets.json", cancellationToken);
        using var usage = await gateway.Client.GetAsync("v1/usage", cancellationToken);

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'"));
        Assert.That(await page.Content.ReadAsStringAsync(cancellationToken), Does.Not.Contain("<script>"), "no inline script");
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(script.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "only the page's own files go without a key");
        Assert.That(usage.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the data needs the key");
    }

    private static async Task<string> CreateKeyAsync(TestGateway gateway, string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/keys") { Content = JsonContent.Create(new { name, tokens_per_day = 100_000 }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await gateway.Client.SendAsync(request, cancellationToken);
        var created = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.Created), created.ToString());
        return created.GetProperty("key").GetString()!;
    }

    private static async Task ChatAsync(TestGateway gateway, string key, string usage, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(ChatRequests.Body(FakeCli.Directives("reply ok", usage))) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await gateway.Client.SendAsync(request, cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Each key's requests and tokens as <c>/v1/usage</c> reports them, once the ledger holds every request.</summary>
    private static async Task<List<(string Key, long Requests, long Prompt, long Completion)>> UsageByKeyAsync(
        TestGateway gateway, long expectedRequests, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/usage?group_by=key");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
            using var response = await gateway.Client.SendAsync(request, cancellationToken);
            var data = (await response.JsonAsync()).GetProperty("data").EnumerateArray()
                .Where(b => b.GetProperty("key").GetString() is "admin" or "team-a" or "team-b")
                .Select(b => (b.GetProperty("key").GetString()!, b.GetProperty("requests").GetInt64(), b.GetProperty("prompt_tokens").GetInt64(), b.GetProperty("completion_tokens").GetInt64()))
                .ToList();
            if (data.Sum(b => b.Item2) >= expectedRequests && data.Any(b => b.Item1 == "team-a")) return data;
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>The rows of a table by their first cell, with the other cells as shown.</summary>
    private static async Task<Dictionary<string, string[]>> TableAsync(IPage page, string selector)
    {
        var rows = await page.EvaluateAsync<string[][]>(
            $"[...document.querySelectorAll('{selector} tbody tr')].map(r => [...r.cells].map(c => c.textContent))");
        return rows.Where(r => r.Length > 1).ToDictionary(r => r[0], r => r[1..]);
    }

    /// <summary>How many of the chart's pixels have the requests' colour.</summary>
    private static Task<int> ChartPixelsAsync(IPage page) => page.EvaluateAsync<int>("""
        (() => {
          const canvas = document.getElementById('chart');
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let n = 0;
          for (let i = 0; i < data.length; i += 4) if (data[i] === 0x3b && data[i + 1] === 0x6f && data[i + 2] === 0xd8) n++;
          return n;
        })()
        """);
}
