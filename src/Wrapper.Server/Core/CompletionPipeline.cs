using System.Diagnostics;
using Wrapper.Server.Diagnostics;
using Wrapper.Server.Images;
using Wrapper.Server.Ledger;
using Wrapper.Server.Ledger.Budgets;
using Wrapper.Server.Providers;
using Wrapper.Server.RateLimiting;
using Wrapper.Server.Security;
using Wrapper.Server.Tools;

namespace Wrapper.Server.Core;

/// <summary>
/// The way every dialect's request takes once it is parsed into a <see cref="CompletionRequest"/>:
/// who sent it, the model map, the provider, a CLI slot, the images, the CLI run, and the dialect's
/// answer. A failure before the answer began is the dialect's error with its own status.
/// </summary>
internal sealed class CompletionPipeline(
    ProviderRegistry providers,
    ModelMap modelMap,
    CompletionRunner runner,
    XmlToolDetector xmlTools,
    ImagePreparer images,
    CliConcurrencyGate gate,
    ClientAddress clients,
    KeyBudgets budgets)
{
    /// <summary>The request as it will run, and the provider that serves it; a 404 for a model nobody serves.</summary>
    public (CompletionRequest Request, ICliProvider Provider) Route(HttpContext context, CompletionRequest request)
    {
        request = modelMap.Apply(request) with
        {
            ClientIdentity = IdentityOf(context),
            ExpectsXmlTools = xmlTools.Assess(request).ExpectsXmlTools,
        };
        var provider = providers.ForModel(request.CliModel)
            ?? throw new GatewayException(GatewayError.ModelNotFound(request.Model, providers.All.SelectMany(p => p.Models)));
        return (request, provider);
    }

    /// <summary>Who sent the request (the client key and the address group): what warm and held processes and stored responses are kept apart by.</summary>
    public string IdentityOf(HttpContext context) => clients.Identity(context);

    /// <summary>Runs a parsed request to its answer; the caller's parse failures are written the same way.</summary>
    public async Task RunAsync(HttpContext context, Func<CompletionRequest> parse, IDialectAnswer answer)
    {
        var aborted = context.RequestAborted;
        var facts = LedgerFacts.Of(context);
        context.Items[RequestLogItems.Dialect] = answer.Dialect; // refusals too count under their dialect
        try
        {
            var requested = parse();
            var (request, provider) = Route(context, requested);
            context.Items[RequestLogItems.Provider] = provider.Name;
            context.Items[RequestLogItems.Model] = requested.Model;
            context.Items[RequestLogItems.CliModel] = request.CliModel;
            // The client key's models, requests a minute and tokens a day, before it waits for a slot.
            await budgets.AdmitAsync(context, request.CliModel, aborted);

            // The CLI slot is given back after the run is disposed (declared first, disposed last); the
            // request's warm-pool key lets it go first to a slot where a process of its own is ready.
            var waiting = Stopwatch.GetTimestamp();
            using var slot = await gate.AcquireAsync(context, runner.PoolAffinity(request, provider), aborted);
            context.Items[RequestLogItems.Queued] = (long)Stopwatch.GetElapsedTime(waiting).TotalMilliseconds;
            // Images are decoded inside the slot: MAX_CONCURRENT_REQUESTS also bounds the memory conversions take.
            request = request with { Images = await images.PrepareAsync(request, aborted) };
            await using var run = await runner.StartAsync(request, provider, aborted);
            context.Items[RequestLogItems.Warm] = run.StartedAs;
            context.Items[RequestLogItems.History] = run.History;
            run.Observer = facts; // tokens, tool calls and the first token's time, for the ledger
            try
            {
                await answer.WriteAsync(context, run, request, aborted);
            }
            finally
            {
                context.Items[RequestLogItems.WebTools] = run.WebTools;
            }
            // The client has its whole answer before the CLI is stopped and the sandbox removed.
            await context.Response.CompleteAsync();
        }
        catch (GatewayException e)
        {
            // Also a stream's failure before its first event: the dialect held the 200 back for this.
            facts.ErrorCode = e.Error.Code;
            await answer.WriteErrorAsync(context.Response, e.Error, aborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The client went away; the run was already stopped and its sandbox removed.
        }
    }
}
