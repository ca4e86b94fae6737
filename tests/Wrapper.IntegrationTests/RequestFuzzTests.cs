using System.Text;

namespace Wrapper.IntegrationTests;

/// <summary>
/// A request broken anywhere, any way, is a 4xx in OpenAI's error shape or a 200, never a
/// 5xx: every mutation through the debug endpoint (no CLI runs), a sample through the chat endpoint.
/// </summary>
public sealed class RequestFuzzTests : SharedGatewayFixture
{
    [Test, CancelAfter(300_000)]
    public async Task Every_field_at_every_depth_replaced_by_every_JSON_type_is_a_4xx_or_a_200_on_the_debug_endpoint(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var mutations = RequestMutations.All().ToList();

        var failures = await FailuresAsync(gateway, mutations, "v1/debug/request", cancellationToken);

        Assert.That(mutations, Has.Count.GreaterThan(500));
        Assert.That(failures, Is.Empty);
    }

    [Test, CancelAfter(300_000)]
    public async Task A_sample_of_the_mutations_is_a_4xx_or_a_200_on_the_chat_endpoint_with_the_fake_CLI(CancellationToken cancellationToken)
    {
        var gateway = await SharedGatewayAsync();
        var sample = RequestMutations.All().Where((_, i) => i % 17 == 0).ToList();

        var failures = await FailuresAsync(gateway, sample, "v1/chat/completions", cancellationToken);

        Assert.That(sample, Has.Count.GreaterThan(50));
        Assert.That(failures, Is.Empty);
    }

    private static async Task<List<string>> FailuresAsync(TestGateway gateway, List<(string Seed, string Path, string Value, string Body)> mutations,
        string endpoint, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        foreach (var (seed, path, value, body) in mutations)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await gateway.Client.PostAsync(endpoint, content, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var fine = status == 200 || (status is >= 400 and < 500 && text.Contains("\"error\"", StringComparison.Ordinal) && text.Contains("\"message\"", StringComparison.Ordinal));
            if (!fine) failures.Add($"{seed}: {path} = {value} → {status} {text[..Math.Min(200, text.Length)]}");
        }
        foreach (var failure in failures) TestContext.Out.WriteLine(failure);
        TestContext.Out.WriteLine($"{mutations.Count} mutations: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}"))}");
        return failures;
    }
}
