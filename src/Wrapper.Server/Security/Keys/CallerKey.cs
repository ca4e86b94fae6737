namespace Wrapper.Server.Security.Keys;

/// <summary>Which key a request came with, as the key check found it (kept in <c>HttpContext.Items</c>).</summary>
internal static class CallerKey
{
    public const string AdminName = "admin";
    private const string ItemKey = "wrapper.client_key";

    public static void SetClient(HttpContext context, ClientKey key) => context.Items[ItemKey] = key;

    /// <summary>The client key of the request; null for the admin key and on an open gateway.</summary>
    public static ClientKey? ClientOf(HttpContext context) => context.Items[ItemKey] as ClientKey;

    public static bool IsClient(HttpContext context) => ClientOf(context) is not null;
}
