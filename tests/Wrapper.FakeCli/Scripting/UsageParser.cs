using System.Globalization;

namespace Wrapper.FakeCli.Scripting;

/// <summary>Parses "in=&lt;n&gt; out=&lt;n&gt; cache_read=&lt;n&gt; cache_creation=&lt;n&gt;"; missing keys keep their defaults.</summary>
internal static class UsageParser
{
    public static Script? Apply(Script script, string argument)
    {
        var usage = script.Usage;
        foreach (var pair in argument.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals < 0 || !long.TryParse(pair[(equals + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0)
                return null;
            usage = pair[..equals] switch
            {
                "in" => usage with { Input = n },
                "out" => usage with { Output = n },
                "cache_read" => usage with { CacheRead = n },
                "cache_creation" => usage with { CacheCreation = n },
                _ => null,
            };
            if (usage is null) return null;
        }
        return script with { Usage = usage };
    }
}
