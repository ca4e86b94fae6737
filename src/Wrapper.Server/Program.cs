using Microsoft.Extensions.Options;
using Wrapper.Server.Hosting;
using Wrapper.Server.Processes;

if (args is [ChildSupervisorProgram.Flag]) return ChildSupervisorProgram.Run(Console.In);
if (args is ["keys", .. var keyArgs]) return await Wrapper.Server.Ledger.KeysCommand.RunAsync(keyArgs, WrapperApp.CommandConfiguration(), Console.Out, Console.Error, CancellationToken.None);

try
{
    await WrapperApp.Create(args).RunAsync();
    return 0;
}
catch (Exception e) when (e is OptionsValidationException || (e is InvalidOperationException && e.Message.Contains("configuration value", StringComparison.Ordinal)))
{
    // A bad setting: say which one and stop, without a stack trace.
    Console.Error.WriteLine($"Wrapper cannot start: {e.Message}");
    return 2;
}
