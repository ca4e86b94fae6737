using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Wrapper.IntegrationTests.Responses;

/// <summary>Stored responses: previous_response_id continues a conversation; GET, input_items and DELETE; one client never sees another's.</summary>
public sealed class StoredResponsesTests : SharedGatewayFixture
{
    [Test, CancelAfter(90_000)]
    public async Task Previous_response_id_carries_a_conversation_over_three_turns(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        var first = await CreateAsync(gateway, ResponsesRequests.Body("My name is Ada.\n" + FakeCli.Directives("reply Nice to meet you, Ada")), cancellationToken);
        var second = await CreateAsync(gateway, ResponsesRequests.Body("I like owls.\n" + FakeCli.Directives("reply Owls are great", "usage in=5 out=1"), stream: true, previousResponseId: first), cancellationToken);
        var record = Path.Combine(gateway.RecordDirectory, "third");
        Directory.CreateDirectory(record);
        using var third = await gateway.Client.PostResponsesAsync(
            ResponsesRequests.Body("What do you know?\n" + FakeCli.Directives($"record {record}", "reply You are Ada and like owls"), previousResponseId: second), cancellationToken);
        var json = await third.JsonAsync(cancellationToken);
        var prompt = FakeCli.Read(Directory.GetFiles(record, "*.json").Single()).PromptText;

        Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("previous_response_id").GetString(), Is.EqualTo(second));
        Assert.That(prompt, Does.Contain("My name is Ada."));
        Assert.That(prompt, Does.Contain("Nice to meet you, Ada"));
        Assert.That(prompt, Does.Contain("I like owls."));
        Assert.That(prompt, Does.Contain("Owls are great"));
        Assert.That(prompt, Does.Contain("What do you know?"));

        // The third response's input items are the whole conversation: 3 user messages and 2 answers.
        var items = await gateway.Client.GetFromJsonAsync<JsonObject>($"v1/responses/{json.GetProperty("id").GetString()}/input_items?order=asc", cancellationToken);
        var data = items!["data"]!.AsArray();
        Assert.That(items["object"]!.GetValue<string>(), Is.EqualTo("list"));
        Assert.That(data.Select(i => i!["role"]!.GetValue<string>()), Is.EqualTo(new[] { "user", "assistant", "user", "assistant", "user" }));
        Assert.That(data.All(i => i!["id"]!.GetValue<string>().Length > 4), Is.True);
        Assert.That(items["first_id"]!.GetValue<string>(), Is.EqualTo(data[0]!["id"]!.GetValue<string>()));
        Assert.That(items["has_more"]!.GetValue<bool>(), Is.False);
    }

    [Test, CancelAfter(60_000)]
    public async Task A_stored_response_can_be_read_and_deleted_and_is_then_gone(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var id = await CreateAsync(gateway, ResponsesRequests.Body(FakeCli.Directives("reply Keep me")), cancellationToken);

        var stored = await gateway.Client.GetFromJsonAsync<JsonObject>($"responses/{id}", cancellationToken);
        using var deleted = await gateway.Client.DeleteAsync($"v1/responses/{id}", cancellationToken);
        var deletion = await deleted.JsonAsync(cancellationToken);
        using var after = await gateway.Client.GetAsync($"v1/responses/{id}", cancellationToken);
        using var continued = await gateway.Client.PostResponsesAsync(ResponsesRequests.Body("more", previousResponseId: id), cancellationToken);

        Assert.That(stored!["id"]!.GetValue<string>(), Is.EqualTo(id));
        Assert.That(stored["output"]![0]!["content"]![0]!["text"]!.GetValue<string>(), Is.EqualTo("Keep me"));
        Assert.That(deletion.GetProperty("object").GetString(), Is.EqualTo("response.deleted"));
        Assert.That(deletion.GetProperty("deleted").GetBoolean(), Is.True);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await after.JsonAsync(cancellationToken)).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("response_not_found"));
        Assert.That(continued.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await continued.JsonAsync(cancellationToken)).GetProperty("error").GetProperty("param").GetString(), Is.EqualTo("previous_response_id"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Store_false_keeps_nothing(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var id = await CreateAsync(gateway, ResponsesRequests.Body(FakeCli.Directives("reply Forget me"), store: false), cancellationToken);

        using var read = await gateway.Client.GetAsync($"v1/responses/{id}", cancellationToken);

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test, CancelAfter(60_000)]
    public async Task Another_clients_response_is_a_404_to_read_continue_or_delete(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync(new Dictionary<string, string?> { ["TRUSTED_PROXIES"] = "127.0.0.1" });
        var id = await CreateAsync(gateway, ResponsesRequests.Body(FakeCli.Directives("reply Mine")), cancellationToken, client: "203.0.113.7");

        using var read = await SendAsync(gateway, HttpMethod.Get, $"v1/responses/{id}", "198.51.100.9", cancellationToken);
        using var delete = await SendAsync(gateway, HttpMethod.Delete, $"v1/responses/{id}", "198.51.100.9", cancellationToken);
        using var continued = await SendAsync(gateway, HttpMethod.Post, "v1/responses", "198.51.100.9", cancellationToken, ResponsesRequests.Body("hi", previousResponseId: id));
        using var own = await SendAsync(gateway, HttpMethod.Get, $"v1/responses/{id}", "203.0.113.7", cancellationToken);

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(continued.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the owner still has it");
    }

    [Test, CancelAfter(60_000)]
    public async Task Beyond_the_per_client_limit_the_oldest_response_is_removed(CancellationToken cancellationToken)
    {
        await using var gateway = await FakeGateway.StartAsync(new Dictionary<string, string?> { ["RESPONSES_MAX_STORED"] = "2" });
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await CreateAsync(gateway, ResponsesRequests.Body(FakeCli.Directives($"reply n{i}")), cancellationToken));

        var statuses = new List<HttpStatusCode>();
        foreach (var id in ids)
        {
            using var read = await gateway.Client.GetAsync($"v1/responses/{id}", cancellationToken);
            statuses.Add(read.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.OK }));
    }

    [Test, CancelAfter(60_000)]
    public async Task An_unknown_id_is_a_clear_404_in_OpenAIs_shape(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var read = await gateway.Client.GetAsync("v1/responses/resp_doesnotexist/input_items", cancellationToken);
        var error = (await read.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("resp_doesnotexist").And.Contain("RESPONSES_TTL_HOURS"));
    }

    private static async Task<string> CreateAsync(TestGateway gateway, JsonObject body, CancellationToken cancellationToken, string? client = null)
    {
        using var response = client is null
            ? await gateway.Client.PostResponsesAsync(body, cancellationToken)
            : await SendAsync(gateway, HttpMethod.Post, "v1/responses", client, cancellationToken, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
        if (body["stream"]?.GetValue<bool>() == true)
            return (await ResponsesRequests.EventsAsync(response, cancellationToken))[^1].Data.GetProperty("response").GetProperty("id").GetString()!;
        return (await response.JsonAsync(cancellationToken)).GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> SendAsync(TestGateway gateway, HttpMethod method, string path, string client, CancellationToken cancellationToken, JsonNode? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", client);
        return gateway.Client.SendAsync(request, cancellationToken);
    }
}
