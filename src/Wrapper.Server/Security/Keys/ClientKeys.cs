using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Wrapper.Server.Ledger;
using Wrapper.Server.Ledger.Storage;

namespace Wrapper.Server.Security.Keys;

/// <summary>
/// The named client keys: made (the key returned once), listed, revoked, and checked on every
/// request. A checked key is believed for KEY_CACHE_SECONDS; revoking on this instance forgets it
/// at once. A key nobody has is never cached, so a key made on another instance works at once.
/// When the database cannot answer, a key checked before is still believed; an unknown one is refused.
/// </summary>
internal sealed partial class ClientKeys(ClientKeyStore store, IOptions<LedgerOptions> options, TimeProvider time, ILogger<ClientKeys> logger)
{
    private readonly ConcurrentDictionary<string, (ClientKey Key, DateTimeOffset CheckedAt)> _checked = new(StringComparer.Ordinal);
    private readonly TimeSpan _fresh = TimeSpan.FromSeconds(options.Value.KeyCacheSeconds);

    /// <summary>Makes a key; returns it (the only time it is ever shown) or null when the name is taken.</summary>
    public async Task<(ClientKey Stored, string Key)?> CreateAsync(string name, long? tokensPerDay, int? requestsPerMinute, IReadOnlyList<string> models, CancellationToken cancellationToken)
    {
        var key = ClientKeyHash.NewKey();
        var stored = new ClientKey(name, ClientKeyHash.Of(key), tokensPerDay, requestsPerMinute, models, time.GetUtcNow());
        return await store.AddAsync(stored, cancellationToken) ? (stored, key) : null;
    }

    public Task<IReadOnlyList<ClientKey>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken)
    {
        var removed = await store.RemoveAsync(name, cancellationToken);
        foreach (var (hash, entry) in _checked)
            if (entry.Key.Name == name) _checked.TryRemove(hash, out _);
        return removed;
    }

    /// <summary>The client key <paramref name="presented"/> is, or null when it is none.</summary>
    public async Task<ClientKey?> FindAsync(string presented, CancellationToken cancellationToken)
    {
        if (!presented.StartsWith(ClientKeyHash.Prefix, StringComparison.Ordinal)) return null;
        var hash = ClientKeyHash.Of(presented);
        var now = time.GetUtcNow();
        if (_checked.TryGetValue(hash, out var entry) && now - entry.CheckedAt < _fresh) return entry.Key;
        try
        {
            var key = await store.FindByHashAsync(hash, cancellationToken);
            if (key is null) _checked.TryRemove(hash, out _);
            else _checked[hash] = (key, now);
            return key;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStoreUnavailable(logger, e.GetType().Name);
            return entry.Key;
        }
    }

    // The exception's type only: a database message may carry the connection string.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Client keys: the database did not answer ({Error}); keys checked before are still accepted")]
    private static partial void LogStoreUnavailable(ILogger logger, string error);
}
