using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using Residency.Testing;

namespace Residency.Functions.Tests.Infrastructure;

/// <summary>
/// The built handler executable as a child process, started the way the Functions host starts it (environment
/// variables only), ready when GET / answers; its peak working set is read from /proc.
/// </summary>
internal sealed class HandlerChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private Task<string>? _stderr;

    private HandlerChildProcess(Process process, int port)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
    }

    public static string HandlerDll
    {
        get
        {
            var configuration = typeof(HandlerChildProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            return Path.Combine(RepoPaths.Root, "functions", "Residency.Functions", "bin", configuration, "net10.0", "Residency.Functions.dll");
        }
    }

    public HttpClient Http { get; }

    public Process Process => _process;

    /// <summary>A process with exactly these settings: inherited Residency__/FUNCTIONS_ variables are removed.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(HandlerDll);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Residency__", StringComparison.Ordinal) || k.StartsWith("FUNCTIONS_", StringComparison.Ordinal) || k == "AZURE_FUNCTIONS_ENVIRONMENT").ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Starts the handler in Development against <paramref name="connectionString"/> with extra settings, and waits until it answers.</summary>
    public static async Task<HandlerChildProcess> StartReadyAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePorts.Next();
        var environment = new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = Guid.NewGuid().ToString(),
            ["FUNCTIONS_APP_ROOT_PATH"] = Path.GetDirectoryName(HandlerDll)!,
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["Residency__StorageConnectionString"] = connectionString,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var handler = new HandlerChildProcess(Start(environment), port);
        _ = handler._process.StandardOutput.ReadToEndAsync();
        handler._stderr = handler._process.StandardError.ReadToEndAsync();
        for (var attempt = 0; attempt < 300 && !handler._process.HasExited; attempt++)
        {
            try
            {
                using var probe = await handler.Http.GetAsync(new Uri("/", UriKind.Relative));
                return handler;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        await handler.DisposeAsync();
        throw new InvalidOperationException("The handler never answered GET /.");
    }

    public async Task<HandlerReply> PostAsync(byte[] request)
    {
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Http.PostAsync(new Uri("/VehicleIngest", UriKind.Relative), content);
        return HandlerReply.Parse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The most memory the process has held so far (VmHWM), in bytes.</summary>
    public long PeakWorkingSetBytes() => ReadStatus("VmHWM:");

    /// <summary>The memory the process holds now (VmRSS), in bytes.</summary>
    public long WorkingSetBytes() => ReadStatus("VmRSS:");

    /// <summary>What the process wrote to stderr, once it has stopped.</summary>
    public string StandardError { get; private set; } = string.Empty;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        StandardError = _stderr is null ? string.Empty : await _stderr;
        _process.Dispose();
    }

    private long ReadStatus(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
