using System.Text.Json.Serialization;

namespace Wrapper.Server.Security;

[JsonSerializable(typeof(string[]))]
internal sealed partial class SecurityJsonContext : JsonSerializerContext;
