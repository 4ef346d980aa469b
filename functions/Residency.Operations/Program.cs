using Microsoft.Extensions.Hosting;
using Residency.Operations.Configuration;

// The isolated worker: the Functions host starts this process and sends it the HTTP invocations over gRPC.
var host = new HostBuilder()
    .ConfigureFunctionsWorkerDefaults()
    .ConfigureServices((context, services) => OperationsServices.Add(services, context.Configuration))
    .Build();
await host.RunAsync().ConfigureAwait(false);
