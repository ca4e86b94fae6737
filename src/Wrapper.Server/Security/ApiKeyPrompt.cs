namespace Wrapper.Server.Security;

/// <summary>
/// With no <c>API_KEY</c> and a person at the terminal, offers to make one for this run. Without a
/// terminal (services, Docker, tests: stdin redirected) it never asks and the gateway runs open.
/// </summary>
internal static class ApiKeyPrompt
{
    public static WebApplicationBuilder AddApiKeyPrompt(this WebApplicationBuilder builder, bool mayAsk)
    {
        if (!mayAsk || builder.Configuration["API_KEY"] is not null || !IsTerminal()) return builder;
        var host = builder.Configuration["HOST"] ?? "127.0.0.1";
        var port = builder.Configuration["PORT"] ?? "8000";
        if (Ask(Console.In, Console.Out, $"http://{host}:{port}") is { } key)
            builder.Configuration.AddInMemoryCollection([new("API_KEY", key)]);
        return builder;
    }

    public static bool IsTerminal() => !Console.IsInputRedirected && Environment.UserInteractive;

    /// <summary>Asks; on yes returns a new key after printing it once with a usage example.</summary>
    public static string? Ask(TextReader input, TextWriter output, string baseUrl)
    {
        output.Write("Enable API key protection? (y/N) ");
        var answer = input.ReadLine()?.Trim();
        if (answer is null || !(answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase)))
            return null;
        var key = ApiKeyGenerator.Create();
        output.WriteLine();
        output.WriteLine($"API key for this run (shown once; set API_KEY to keep it): {key}");
        output.WriteLine("Use it like this:");
        output.WriteLine($"  curl {baseUrl}/v1/models -H \"Authorization: Bearer {key}\"");
        output.WriteLine();
        return key;
    }
}
