using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Wrapper.Server.Ledger.Budgets;
using Wrapper.Server.Ledger.Storage;
using Wrapper.Server.Security.Keys;

namespace Wrapper.Server.Ledger;

/// <summary>
/// <c>Wrapper.Server keys create NAME [--tokens-per-day N] [--requests-per-minute N] [--models a,b]</c>,
/// <c>keys list</c>, <c>keys revoke NAME</c>: the admin routes from a shell, on the database the
/// settings name (DATA_DIR or DATABASE_URL, from the environment and .env as the server reads them).
/// </summary>
internal static class KeysCommand
{
    public const string Usage = "Usage: Wrapper.Server keys create NAME [--tokens-per-day N] [--requests-per-minute N] [--models a,b] | keys list | keys revoke NAME";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var options = configuration.Get<LedgerOptions>() ?? new LedgerOptions();
        if (new LedgerOptionsValidator().Validate(null, options) is { Failed: true } invalid)
        {
            await errors.WriteLineAsync($"Wrapper cannot open its database: {invalid.FailureMessage}");
            return 2;
        }
        var database = LedgerStores.Database(options);
        var keys = new ClientKeys(new ClientKeyStore(database), Options.Create(options), TimeProvider.System, NullLogger<ClientKeys>.Instance);
        try
        {
            return args switch
            {
                ["create", var name, .. var flags] => await CreateAsync(keys, name, flags, output, errors, cancellationToken),
                ["list"] => await ListAsync(keys, new AdoLedgerStore(database), output, cancellationToken),
                ["revoke", var name] => await RevokeAsync(keys, name, output, errors, cancellationToken),
                _ => await FailAsync(errors, Usage),
            };
        }
        catch (System.Data.Common.DbException e)
        {
            // The type only: a database message may carry the connection string.
            return await FailAsync(errors, $"The database ({database.Engine}) did not answer: {e.GetType().Name}.");
        }
    }

    private static async Task<int> CreateAsync(ClientKeys keys, string name, string[] flags, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (ClientKeyNames.Problem(name) is { } problem) return await FailAsync(errors, problem);
        long? tokens = null;
        int? perMinute = null;
        IReadOnlyList<string> models = [];
        for (var i = 0; i < flags.Length; i += 2)
        {
            var value = i + 1 < flags.Length ? flags[i + 1] : null;
            switch (flags[i])
            {
                case "--tokens-per-day" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0: tokens = n; break;
                case "--requests-per-minute" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0: perMinute = n; break;
                case "--models" when !string.IsNullOrWhiteSpace(value): models = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                default: return await FailAsync(errors, $"'{flags[i]} {value}' is not understood (numbers are whole and above 0). {Usage}");
            }
        }
        if (await keys.CreateAsync(name, tokens, perMinute, models, cancellationToken) is not { } made)
            return await FailAsync(errors, $"A key named '{name}' exists already; revoke it first or choose another name.");
        await output.WriteLineAsync($"Key '{name}' (shown once; only its hash is stored):");
        await output.WriteLineAsync(made.Key);
        return 0;
    }

    private static async Task<int> ListAsync(ClientKeys keys, ILedgerStore store, TextWriter output, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        await output.WriteLineAsync("NAME\tTOKENS_PER_DAY\tREQUESTS_PER_MINUTE\tMODELS\tTOKENS_TODAY\tCREATED");
        foreach (var key in await keys.ListAsync(cancellationToken))
        {
            // Every instance's rows: no instance is named "".
            var today = await store.SpendingOfOthersAsync(key.Name, "", BudgetClock.DayStart(now), now - KeyTally.Minute, cancellationToken);
            await output.WriteLineAsync(string.Join('\t', key.Name, Limit(key.TokensPerDay), Limit(key.RequestsPerMinute),
                key.Models.Count == 0 ? "*" : string.Join(',', key.Models), today.Tokens.ToString(CultureInfo.InvariantCulture),
                key.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        }
        return 0;
    }

    private static async Task<int> RevokeAsync(ClientKeys keys, string name, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (!await keys.RevokeAsync(name, cancellationToken)) return await FailAsync(errors, $"No key is named '{name}'.");
        await output.WriteLineAsync($"Key '{name}' revoked.");
        return 0;
    }

    private static string Limit(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static async Task<int> FailAsync(TextWriter errors, string message)
    {
        await errors.WriteLineAsync(message);
        return 1;
    }
}
