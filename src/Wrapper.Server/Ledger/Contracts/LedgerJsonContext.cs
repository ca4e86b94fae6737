using System.Text.Json.Serialization;

namespace Wrapper.Server.Ledger.Contracts;

/// <summary>Source-generated JSON for the usage and key routes, snake_case like the rest of the API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(UsageList))]
[JsonSerializable(typeof(KeyList))]
[JsonSerializable(typeof(KeyView))]
[JsonSerializable(typeof(KeyDeleted))]
internal sealed partial class LedgerJsonContext : JsonSerializerContext;
