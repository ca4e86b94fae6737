using System.Net;

namespace Wrapper.Server.Security;

/// <summary>
/// Which <c>Host</c> headers the gateway serves. Bound to loopback (the default HOST), only
/// <c>localhost</c> and loopback addresses, at any port: a web page whose name was rebound to
/// 127.0.0.1 (DNS rebinding) sends its own name and is refused. <c>ALLOWED_HOSTS</c> adds
/// names (<c>gw.example.com</c>, <c>*.example.com</c>), also on other HOSTs; <c>*</c> turns the check off.
/// </summary>
internal sealed class AllowedHosts
{
    private readonly string[] _names;
    private readonly bool _any;

    private AllowedHosts(string[] names, bool active)
    {
        _names = names;
        _any = !active || names.Contains("*");
    }

    /// <summary>Null when <paramref name="setting"/> holds an entry that is not a host name.</summary>
    public static AllowedHosts? Create(string? setting, string listenHost)
    {
        var names = (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Any(name => name != "*" && Uri.CheckHostName(name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name.Trim('[', ']')) == UriHostNameType.Unknown))
            return null;
        return new AllowedHosts([.. names.Select(n => n.ToLowerInvariant())], IsLoopback(listenHost) || names.Length > 0);
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Whether a request naming <paramref name="host"/> (the Host header without its port) is served.</summary>
    public bool Allows(string host) => _any || Names(host);

    /// <summary>
    /// Whether <paramref name="host"/> is a loopback name or listed by name in ALLOWED_HOSTS (<c>*</c>
    /// names nothing), even where the check is off: only such a name is the gateway's own origin,
    /// or a rebound name would be too.
    /// </summary>
    public bool Names(string host)
    {
        if (host.Length == 0) return false;
        if (IsLoopback(host)) return true;
        var name = host.ToLowerInvariant();
        return _names.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal) ? name.EndsWith(allowed[1..], StringComparison.Ordinal) : name == allowed);
    }
}
