using System.Threading.RateLimiting;

namespace Wrapper.Server.RateLimiting;

/// <summary>A <see cref="FixedWindow"/>'s answer; a refusal carries the time left in the window as <c>RetryAfter</c>.</summary>
internal sealed class WindowLease : RateLimitLease
{
    public static readonly WindowLease Granted = new(true, null);

    private readonly TimeSpan? _retryAfter;

    private WindowLease(bool acquired, TimeSpan? retryAfter)
    {
        IsAcquired = acquired;
        _retryAfter = retryAfter;
    }

    public static WindowLease Refused(TimeSpan left) => new(false, left > TimeSpan.Zero ? left : TimeSpan.Zero);

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = metadataName == MetadataName.RetryAfter.Name ? _retryAfter : null;
        return metadata is not null;
    }
}
