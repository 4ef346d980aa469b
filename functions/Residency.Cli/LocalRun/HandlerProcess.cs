using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Residency.Cli.LocalRun;

/// <summary>
/// Runs the real custom handler executable as a child process, the way the Functions host does: with
/// FUNCTIONS_CUSTOMHANDLER_PORT and friends set, polling GET / until it answers.
/// </summary>
internal sealed class HandlerProcess : IAsyncDisposable
{
    private const int MaxKeptLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private HandlerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    /// <summary>The handler's process id (bench and soak read its CPU time and peak working set).</summary>
    public int ProcessId => _process.Id;

    public Uri BaseUri { get; }

    /// <summary>The handler's last output lines (its logs carry counts and reason codes only).</summary>
    public IReadOnlyList<string> RecentOutput
    {
        get
        {
            lock (_output)
            {
                return _output.ToList();
            }
        }
    }

    /// <summary>The handler built next to this program (same configuration), as the project reference guarantees.</summary>
    public static string? FindHandler(string repositoryRoot)
    {
        var configuration = typeof(HandlerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        foreach (var candidate in new[] { configuration, "Release", "Debug" }.Distinct())
        {
            var path = Path.Combine(repositoryRoot, "functions", "Residency.Functions", "bin", candidate, "net10.0", "Residency.Functions.dll");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    public static async Task<HandlerProcess> StartAsync(string handlerDll, IReadOnlyDictionary<string, string> settings, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(handlerDll)!,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(handlerDll);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Residency__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = Guid.NewGuid().ToString();
        start.Environment["FUNCTIONS_APP_ROOT_PATH"] = Path.GetDirectoryName(handlerDll)!;
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The handler process could not be started.");
        var handler = new HandlerProcess(process, port);
        process.OutputDataReceived += (_, e) => handler.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => handler.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await handler.WaitUntilReadyAsync(readyTimeout, cancellationToken);
        }
        catch
        {
            await handler.DisposeAsync();
            throw;
        }

        return handler;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    // The host's readiness probe: GET / until any HTTP response comes back.
    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException(
                    $"The handler exited with code {_process.ExitCode} before it was ready:{Environment.NewLine}{string.Join(Environment.NewLine, RecentOutput)}");
            }

            try
            {
                using var response = await http.GetAsync(BaseUri, cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The handler did not answer GET / within {timeout.TotalSeconds:F0} s.");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > MaxKeptLines)
            {
                _output.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
