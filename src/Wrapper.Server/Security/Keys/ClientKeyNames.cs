using System.Text.RegularExpressions;

namespace Wrapper.Server.Security.Keys;

/// <summary>A key's name is its id in the ledger, the usage report and the metrics: short, plain, never "admin".</summary>
internal static partial class ClientKeyNames
{
    public static string? Problem(string? name) => name switch
    {
        null or "" => "'name' is required.",
        CallerKey.AdminName => "'admin' names the API_KEY; choose another name.",
        _ when !Pattern().IsMatch(name) => "'name' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.",
        _ => null,
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Pattern();
}
