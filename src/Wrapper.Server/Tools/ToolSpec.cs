using System.Text.Json;

namespace Wrapper.Server.Tools;

/// <summary>A client tool as the model will see it: name, description and JSON Schema of its input.</summary>
internal sealed record ToolSpec(string Name, string Description, JsonElement InputSchema);
