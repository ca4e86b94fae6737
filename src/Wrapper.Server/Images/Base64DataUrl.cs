namespace Wrapper.Server.Images;

/// <summary>A <c>data:&lt;media type&gt;;base64,&lt;data&gt;</c> URL, as clients send images inline.</summary>
internal static class Base64DataUrl
{
    private const string Scheme = "data:";
    private const string Base64 = ";base64";

    /// <summary>
    /// True when <paramref name="url"/> is a base64 data URL: <paramref name="mediaType"/> is what
    /// stands before <c>;base64</c> (possibly empty), <paramref name="dataStart"/> where the base64
    /// text begins (after the first comma). Nothing is copied or decoded.
    /// </summary>
    public static bool TryParse(string url, out string mediaType, out int dataStart)
    {
        var comma = url.IndexOf(',');
        if (!url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || comma < Scheme.Length
            || !url.AsSpan(0, comma).EndsWith(Base64, StringComparison.OrdinalIgnoreCase))
        {
            (mediaType, dataStart) = ("", -1);
            return false;
        }
        (mediaType, dataStart) = (url[Scheme.Length..(comma - Base64.Length)], comma + 1);
        return true;
    }
}
