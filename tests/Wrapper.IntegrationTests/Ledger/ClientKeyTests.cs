using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Wrapper.IntegrationTests.Ledger;

/// <summary>Named client keys: made by the admin, shown once, stored hashed, refused once revoked, kept off admin routes.</summary>
public sealed class ClientKeyTests
{
    [Test, CancelAfter(60_000)]
    public async Task A_client_key_is_shown_once_stored_only_as_its_hash_and_listed_without_it(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();

        var key = await gateway.CreateKeyAsync("alice", cancellationToken, tokensPerDay: 5000, requestsPerMinute: 7, models: ["claude-*"]);
        var list = await gateway.GetJsonAsync(KeyedGateway.AdminKey, "admin/keys", cancellationToken);

        Assert.That(key, Does.StartWith("sk-wr-").And.Length.EqualTo(49));
        var entry = list.GetProperty("data").EnumerateArray().Single();
        Assert.That(entry.GetProperty("name").GetString(), Is.EqualTo("alice"));
        Assert.That(entry.TryGetProperty("key", out _), Is.False, "the key is shown only when it is made");
        Assert.That(entry.GetProperty("tokens_per_day").GetInt64(), Is.EqualTo(5000));
        Assert.That(entry.GetProperty("requests_per_minute").GetInt32(), Is.EqualTo(7));
        Assert.That(entry.GetProperty("models").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "claude-*" }));
        Assert.That(entry.GetProperty("tokens_left").GetInt64(), Is.EqualTo(5000));
        Assert.That(list.ToString(), Does.Not.Contain(key));

        // The database holds the SHA-256 of the key and never the key.
        var database = Path.Combine(gateway.Scratch, "data", "ledger.db");
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync(cancellationToken);
            await using var select = connection.CreateCommand();
            select.CommandText = "SELECT key_hash FROM client_keys WHERE name = 'alice'";
            Assert.That(await select.ExecuteScalarAsync(cancellationToken), Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)))));
        }
        var bytes = await File.ReadAllBytesAsync(database, cancellationToken);
        Assert.That(Encoding.Latin1.GetString(bytes), Does.Not.Contain(key));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_client_key_works_as_a_Bearer_token_and_as_x_api_key_and_is_refused_at_once_when_revoked(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        var key = await gateway.CreateKeyAsync("bob", cancellationToken);

        using var bearer = await gateway.ChatAsync(key, cancellationToken);
        using var header = new HttpRequestMessage(HttpMethod.Get, "v1/models") { Headers = { { "x-api-key", key } } };
        using var viaHeader = await gateway.Client.SendAsync(header, cancellationToken);
        Assert.That(bearer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(viaHeader.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var revoked = await gateway.SendAsync(KeyedGateway.AdminKey, HttpMethod.Delete, "admin/keys/bob", null, cancellationToken);
        var deleted = await revoked.JsonAsync();
        Assert.That(deleted.GetProperty("name").GetString(), Is.EqualTo("bob"));
        Assert.That(deleted.GetProperty("deleted").GetBoolean(), Is.True);

        using var after = await gateway.ChatAsync(key, cancellationToken);
        var error = (await after.JsonAsync()).GetProperty("error");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("invalid_api_key"));
        using var again = await gateway.SendAsync(KeyedGateway.AdminKey, HttpMethod.Delete, "admin/keys/bob", null, cancellationToken);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("GET", "admin/keys")]
    [TestCase("POST", "admin/keys")]
    [TestCase("DELETE", "admin/keys/carol")]
    [TestCase("GET", "metrics")]
    [CancelAfter(60_000)]
    public async Task A_client_key_on_an_admin_route_is_a_403_in_OpenAI_shape(string method, string path, CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        var key = await gateway.CreateKeyAsync("carol", cancellationToken);

        using var response = await gateway.SendAsync(key, new HttpMethod(method), path, method == "POST" ? new System.Text.Json.Nodes.JsonObject { ["name"] = "mallory" } : null, cancellationToken);
        var error = (await response.JsonAsync()).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("permission_error"));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("admin_key_required"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("'carol'").And.Contain("API_KEY"));
        var keys = await gateway.GetJsonAsync(KeyedGateway.AdminKey, "admin/keys", cancellationToken);
        Assert.That(keys.GetProperty("data").GetArrayLength(), Is.EqualTo(1), "nothing was made or revoked");
    }

    [TestCase("{}", "name")]
    [TestCase("{\"name\":\"admin\"}", "name")]
    [TestCase("{\"name\":\"has space\"}", "name")]
    [TestCase("{\"name\":\"dave\",\"tokens_per_day\":0}", "tokens_per_day")]
    [TestCase("{\"name\":\"dave\",\"requests_per_minute\":\"5\"}", "requests_per_minute")]
    [TestCase("{\"name\":\"dave\",\"models\":\"claude\"}", "models")]
    [CancelAfter(60_000)]
    public async Task A_bad_key_request_is_a_400_naming_the_field(string body, string param, CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/keys") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", KeyedGateway.AdminKey);
        using var response = await gateway.Client.SendAsync(request, cancellationToken);
        var error = (await response.JsonAsync()).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.GetProperty("param").GetString(), Is.EqualTo(param));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_name_in_use_is_a_409(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync();
        await gateway.CreateKeyAsync("erin", cancellationToken);

        using var response = await gateway.SendAsync(KeyedGateway.AdminKey, HttpMethod.Post, "admin/keys", new System.Text.Json.Nodes.JsonObject { ["name"] = "erin" }, cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await response.JsonAsync()).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("key_exists"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Client_keys_are_never_logged(CancellationToken cancellationToken)
    {
        using var capture = new LogCapture();
        string key;
        await using (var gateway = await KeyedGateway.StartAsync(new Dictionary<string, string?> { ["DEBUG_MODE"] = "true", ["VERBOSE"] = "true" }))
        {
            key = await gateway.CreateKeyAsync("frank", cancellationToken);
            (await gateway.ChatAsync(key, cancellationToken)).Dispose();
            (await gateway.ChatAsync(key + "x", cancellationToken)).Dispose();
        }

        Assert.That(capture.Text, Does.Contain("POST /v1/chat/completions 200"));
        Assert.That(capture.Text, Does.Not.Contain(key[6..]));
    }

    [Test, CancelAfter(60_000)]
    public async Task Two_client_keys_from_one_address_never_share_a_warm_process(CancellationToken cancellationToken)
    {
        await using var gateway = await KeyedGateway.StartAsync(WarmPoolSettings.On());
        var alice = await gateway.CreateKeyAsync("alice", cancellationToken);
        var bob = await gateway.CreateKeyAsync("bob", cancellationToken);

        (await gateway.ChatAsync(alice, cancellationToken)).Dispose();
        await WaitForWarmAsync(gateway, 1, cancellationToken); // a process now waits for alice's next request
        (await gateway.ChatAsync(bob, cancellationToken)).Dispose();
        (await gateway.ChatAsync(alice, cancellationToken)).Dispose();

        var rows = await LedgerFile.RowsAsync(gateway, 3, cancellationToken);
        Assert.That(rows.Select(r => (r.KeyId, r.CliStart)), Is.EqualTo(new[] { ("alice", "cold"), ("bob", "cold"), ("alice", "pre-started") }));
    }

    private static async Task WaitForWarmAsync(TestGateway gateway, int count, CancellationToken cancellationToken)
    {
        while (gateway.WaitingSandboxes().Count < count) await Task.Delay(20, cancellationToken);
    }
}
