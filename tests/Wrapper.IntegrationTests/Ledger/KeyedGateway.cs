using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests.Ledger;

/// <summary>The gateway with an admin key (API_KEY), and requests sent with a given key.</summary>
internal static class KeyedGateway
{
    public const string AdminKey = "admin-key-Qw3Er5Ty7Ui9Op1As2Df4";

    public static Task<TestGateway> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["API_KEY"] = AdminKey };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return FakeGateway.StartAsync(values);
    }

    /// <summary>Makes a client key through <c>POST /admin/keys</c> and returns it.</summary>
    public static async Task<string> CreateKeyAsync(this TestGateway gateway, string name, CancellationToken cancellationToken,
        long? tokensPerDay = null, int? requestsPerMinute = null, string[]? models = null)
    {
        var body = new JsonObject { ["name"] = name, ["tokens_per_day"] = tokensPerDay, ["requests_per_minute"] = requestsPerMinute };
        if (models is not null) body["models"] = new JsonArray([.. models.Select(m => JsonValue.Create(m))]);
        using var response = await gateway.SendAsync(AdminKey, HttpMethod.Post, "admin/keys", body, cancellationToken);
        var json = await response.JsonAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(201), json.ToString());
        return json.GetProperty("key").GetString()!;
    }

    public static async Task<HttpResponseMessage> SendAsync(this TestGateway gateway, string? key, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await gateway.Client.SendAsync(request, cancellationToken);
    }

    /// <summary>A chat request with <paramref name="key"/> that the fake CLI answers with the given usage.</summary>
    public static Task<HttpResponseMessage> ChatAsync(this TestGateway gateway, string key, CancellationToken cancellationToken, string usage = "in=100 out=20", string model = ChatRequests.Model, params string[] more) =>
        gateway.SendAsync(key, HttpMethod.Post, "v1/chat/completions", ChatRequests.Body(FakeCli.Directives(["reply ok", "usage " + usage, .. more]), model: model), cancellationToken);

    public static async Task<JsonElement> GetJsonAsync(this TestGateway gateway, string key, string path, CancellationToken cancellationToken)
    {
        using var response = await gateway.SendAsync(key, HttpMethod.Get, path, null, cancellationToken);
        var json = await response.JsonAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), json.ToString());
        return json;
    }

    /// <summary>The usage report's groups, by their group value.</summary>
    public static async Task<Dictionary<string, JsonElement>> UsageAsync(this TestGateway gateway, string key, string groupBy, CancellationToken cancellationToken)
    {
        var json = await gateway.GetJsonAsync(key, $"v1/usage?group_by={groupBy}", cancellationToken);
        Assert.That(json.GetProperty("object").GetString(), Is.EqualTo("list"));
        return json.GetProperty("data").EnumerateArray().ToDictionary(b => b.GetProperty(groupBy).GetString()!);
    }

    /// <summary>Waits until the usage report counts <paramref name="requests"/> requests for <paramref name="keyName"/> (a row is added just after its answer ends).</summary>
    public static async Task<JsonElement> UsageOfAsync(this TestGateway gateway, string adminOrKey, string keyName, int requests, CancellationToken cancellationToken)
    {
        while (true)
        {
            var usage = await gateway.UsageAsync(adminOrKey, "key", cancellationToken);
            if (usage.TryGetValue(keyName, out var bucket) && bucket.GetProperty("requests").GetInt64() >= requests) return bucket;
            await Task.Delay(50, cancellationToken);
        }
    }
}
