using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Residency.Operations.Requests;
using Residency.Reporting.Calendar;

namespace Residency.Operations.Configuration;

/// <summary>Registers what the functions need; storage, key and calendar are built (and checked) once at start-up.</summary>
public static class OperationsServices
{
    /// <summary>Adds the operations services built from <paramref name="configuration"/>.</summary>
    public static IServiceCollection Add(IServiceCollection services, IConfiguration configuration)
    {
        var environment = OperationsEnvironment.From(configuration);
        var storage = OperationsParts.CreateStorage(configuration, environment);
        var key = OperationsParts.CreateKey(configuration, environment);
        var calendar = StatutoryCalendar.Load(Environment.GetEnvironmentVariable(StatutoryCalendar.FolderVariable) is { Length: > 0 } folder ? folder : null);
        services.AddSingleton(new SubjectRequestService(storage, key, calendar, TimeProvider.System));
        services.AddSingleton(environment);
        return services;
    }
}
