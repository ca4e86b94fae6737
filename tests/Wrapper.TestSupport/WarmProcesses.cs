using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wrapper.TestSupport;

/// <summary>What the gateway's debug view says about warm processes for a request's key.</summary>
public static class WarmProcesses
{
    /// <summary>The debug view's <c>warm</c> object for <paramref name="body"/> (strategy, key, ready).</summary>
    public static async Task<JsonElement> ViewAsync(this HttpClient client, JsonNode body)
    {
        using var response = await client.PostRawAsync(body.ToJsonString(), "v1/debug/request");
        return (await response.JsonAsync()).GetProperty("warm");
    }

    /// <summary>Waits (up to 10 s) until exactly <paramref name="count"/> processes wait for the key of <paramref name="body"/>.</summary>
    public static async Task<bool> EventuallyReadyAsync(this HttpClient client, JsonNode body, int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if ((await client.ViewAsync(body)).GetProperty("ready").GetInt32() == count) return true;
            await Task.Delay(50);
        }
        return false;
    }
}
