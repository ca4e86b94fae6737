using System.Net;

namespace Wrapper.IntegrationTests;

/// <summary>GET /v1/models/{id}, the OpenAI SDKs' models.retrieve: one model in OpenAI's shape, or its 404.</summary>
public sealed class ModelRetrieveTests : SharedGatewayFixture
{
    [TestCase("/v1/models/gemini-2.5-pro")]
    [TestCase("/models/gemini-2.5-pro")]
    [CancelAfter(60_000)]
    public async Task A_listed_model_is_retrieved_in_OpenAIs_shape_with_or_without_v1(string path, CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.GetAsync(path, cancellationToken);
        var model = await response.JsonAsync(cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), model.ToString());
        Assert.That(model.GetProperty("id").GetString(), Is.EqualTo("gemini-2.5-pro"));
        Assert.That(model.GetProperty("object").GetString(), Is.EqualTo("model"));
        Assert.That(model.GetProperty("owned_by").GetString(), Is.EqualTo("gemini-cli"));
        Assert.That(model.GetProperty("created").GetInt64(), Is.GreaterThan(0));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_unknown_model_is_a_404_model_not_found_in_OpenAIs_error_shape(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();

        using var response = await gateway.Client.GetAsync("/v1/models/gemini-0-nonexistent", cancellationToken);
        var error = (await response.JsonAsync(cancellationToken)).GetProperty("error");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("model_not_found"));
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("gemini-0-nonexistent"));
    }
}
