using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Residency.Cli.Simulation;
using Residency.Development;
using Residency.FunctionsHost;
using Residency.Ingest;
using Residency.Storage;
using Residency.Storage.Clients;

namespace Residency.Cli.Bench;

/// <summary>
/// <c>residency bench cold-start</c>: starts the handler again and again on a fresh Azurite, as the host starts a new
/// instance, and times from the process start to its first answer to GET / and to the first 200 for a one-event batch
/// (which pays for the first storage requests and the first classification). The handler is the build output, or
/// a published ReadyToRun executable given with --handler.
/// </summary>
internal static class ColdStartBench
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    public static Command Create(CliContext context)
    {
        var runs = new Option<int>("--runs") { Description = "Cold starts to time.", DefaultValueFactory = _ => 7 }.Within(1, 100);
        var handler = HandlerPathOption.Create();
        var policy = new Option<FileInfo>("--policy")
        {
            Description = "A policy file for the handler (default the built-in policy, which de-identifies frames and so loads the models at start).",
        }.AcceptExistingOnly();
        var command = new Command("cold-start",
            "Time the handler's cold start on a fresh Azurite: process start to its first answer to GET /, and to the first 200 for a one-event batch.");
        command.Options.Add(runs);
        command.Options.Add(handler);
        command.Options.Add(policy);
        command.SetGuardedAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(runs), parse.GetValue(handler)?.FullName, parse.GetValue(policy)?.FullName, context, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int runs, string? handlerPath, string? policyPath, CliContext context, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var request = new AzuriteRequest { Settings = context.Azurite, Order = [AzuriteSource.Testcontainers, AzuriteSource.NpmProcess], NeedsOwnInstance = true };
        await using var azurite = await AzuriteLauncher.StartAsync(request, line => error.WriteLine("bench cold-start: " + line), cancellationToken);
        await new ResidencyStore(ResidencyBlobClients.FromConnectionString(azurite.ConnectionString, StorageClientSettings.Development), StorageClientSettings.Development)
            .EnsureContainersAsync(cancellationToken);
        var upload = new FleetGenerator(new FleetOptions { Vehicles = 1, MalformedShare = 0, GzipShare = 0, FrameShare = 0 }).Take(1).Single();
        var path = handlerPath ?? BuildPaths.Handler;

        var timings = new List<(TimeSpan Answered, TimeSpan FirstOk)>();
        for (var run = 1; run <= runs; run++)
        {
            // Each start is a new partition: its head is read from storage, as a new instance's first batch does.
            var batch = new IngestBatch(run.ToString(CultureInfo.InvariantCulture), [new IngestEvent(upload.Body, 0, "0", DateTimeOffset.UtcNow, upload.PartitionKey, upload.Properties)]);
            timings.Add(await TimeOneStartAsync(path, policyPath, azurite.ConnectionString, batch, cancellationToken));
            await error.WriteLineAsync(Invariant($"bench cold-start: run {run}/{runs}: GET / answered after {timings[^1].Answered.TotalMilliseconds:F0} ms, first 200 after {timings[^1].FirstOk.TotalMilliseconds:F0} ms"));
        }

        await output.WriteLineAsync(Invariant(
            $"bench cold-start: {runs} start(s) of {HandlerPathOption.Describe(path)}, policy {(policyPath is null ? "built in" : Path.GetFileName(policyPath))}; {Environment.ProcessorCount} cores, load average {LoadAverage.Read()}; Azurite: {azurite.Description}"));
        await output.WriteLineAsync("| | min | median | max |");
        await output.WriteLineAsync("|---|---:|---:|---:|");
        await output.WriteLineAsync(Row("process start to GET / answered", timings.Select(t => t.Answered)));
        await output.WriteLineAsync(Row("process start to first 200 (one event)", timings.Select(t => t.FirstOk)));
        return ExitCodes.Success;
    }

    private static async Task<(TimeSpan, TimeSpan)> TimeOneStartAsync(
        string path, string? policyPath, string connectionString, IngestBatch batch, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            [HandlerSettingNames.Environment] = "Development",
            [HandlerSettingNames.StorageConnectionString] = connectionString,
            [HandlerSettingNames.Port] = port.ToString(CultureInfo.InvariantCulture),
            [HandlerSettingNames.WorkerId] = Guid.NewGuid().ToString(),
            [HandlerSettingNames.AppRootPath] = Path.GetDirectoryName(path)!,
        };
        if (policyPath is not null)
        {
            environment[HandlerSettingNames.PolicyFile] = policyPath;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var client = new HostInvocationClient(http, new Uri(Invariant($"http://127.0.0.1:{port}/")));
        var clock = Stopwatch.StartNew();
        using var process = HandlerLauncher.Start(environment, path);
        try
        {
            // Drain its output, as the host does, so a full pipe never stalls it.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            while (!await client.AnswersAsync(cancellationToken))
            {
                if (process.HasExited || clock.Elapsed > GiveUpAfter)
                {
                    throw new CliException(Invariant($"the handler did not answer GET / (exited: {process.HasExited})."));
                }

                await Task.Delay(Poll, cancellationToken);
            }

            var answered = clock.Elapsed;
            var reply = await client.InvokeAsync(batch, cancellationToken: cancellationToken);
            if (reply.StatusCode != 200)
            {
                throw new CliException(Invariant($"the handler answered its first batch with HTTP {reply.StatusCode}."));
            }

            return (answered, clock.Elapsed);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static string Row(string what, IEnumerable<TimeSpan> values)
    {
        var sorted = values.Select(v => v.TotalMilliseconds).Order().ToList();
        return Invariant($"| {what} | {sorted[0]:F0} ms | {sorted[sorted.Count / 2]:F0} ms | {sorted[^1]:F0} ms |");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
