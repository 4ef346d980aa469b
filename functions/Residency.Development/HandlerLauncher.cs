using System.Diagnostics;
using System.Globalization;
using Residency.FunctionsHost;

namespace Residency.Development;

/// <summary>
/// Runs the real custom handler executable as a child process, the way the Functions host does: with exactly the given
/// settings (inherited <c>Residency__</c>, <c>FUNCTIONS_</c> and environment variables are removed), a free loopback
/// port, and GET / polled until it answers within an overall deadline. The local run, the benchmark, the soak and the
/// tests all start it through here.
/// </summary>
public sealed class HandlerLauncher : IAsyncDisposable
{
    private const int MaxKeptLines = 200;
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly Queue<string> _output = new();

    private HandlerLauncher(Process process, int port, TimeSpan requestTimeout)
    {
        _process = process;
        BaseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _http = new HttpClient { Timeout = requestTimeout };
        Client = new HostInvocationClient(_http, BaseUri);
    }

    /// <summary>Where the handler listens.</summary>
    public Uri BaseUri { get; }

    /// <summary>Posts invocations as the host does.</summary>
    public HostInvocationClient Client { get; }

    /// <summary>
    /// The handler's metrics summary (GET /telemetry/summary: its instruments read by a MeterListener, Development
    /// only), one line per instrument and dimensions; empty when the handler serves none.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetTelemetrySummaryAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(new Uri(BaseUri, "telemetry/summary"), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The handler's process id.</summary>
    public int ProcessId => _process.Id;

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

    /// <summary>Starts the handler with exactly <paramref name="settings"/> plus the host's own variables, and waits until it answers.</summary>
    /// <param name="settings">Environment variables (names from <see cref="HandlerSettingNames"/>).</param>
    /// <param name="readyWithin">The overall deadline for the handler to answer GET /.</param>
    /// <param name="requestTimeout">How long one invocation may take (default five minutes).</param>
    /// <param name="handlerPath">The handler's entry assembly or a published handler executable; default the assembly built with this kit.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<HandlerLauncher> StartAsync(
        IReadOnlyDictionary<string, string> settings, TimeSpan readyWithin, TimeSpan? requestTimeout = null, string? handlerPath = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = handlerPath ?? BuildPaths.Handler;
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>(settings)
        {
            [HandlerSettingNames.Port] = port.ToString(CultureInfo.InvariantCulture),
            [HandlerSettingNames.WorkerId] = Guid.NewGuid().ToString(),
            [HandlerSettingNames.AppRootPath] = Path.GetDirectoryName(path)!,
        };
        var handler = new HandlerLauncher(Start(environment, path), port, requestTimeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await handler.WaitUntilReadyAsync(readyWithin, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await handler.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return handler;
    }

    /// <summary>
    /// Starts the handler in Development against an Azurite connection string, with <paramref name="settings"/> on top
    /// (names from <see cref="HandlerSettingNames"/>), and waits up to a minute until it answers.
    /// </summary>
    public static Task<HandlerLauncher> StartDevelopmentAsync(
        string connectionString, IReadOnlyDictionary<string, string>? settings = null, TimeSpan? requestTimeout = null, string? handlerPath = null,
        CancellationToken cancellationToken = default)
    {
        var all = new Dictionary<string, string>
        {
            [HandlerSettingNames.Environment] = "Development",
            [HandlerSettingNames.StorageConnectionString] = connectionString,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            all[name] = value;
        }

        return StartAsync(all, TimeSpan.FromMinutes(1), requestTimeout, handlerPath, cancellationToken);
    }

    /// <summary>Starts the handler with exactly these environment variables and does not wait (tests of start-up failures).</summary>
    /// <param name="environment">Environment variables (names from <see cref="HandlerSettingNames"/>).</param>
    /// <param name="handlerPath">The handler's entry assembly, or a published handler executable; default the assembly built with this kit (a test may start a changed copy).</param>
    public static Process Start(IReadOnlyDictionary<string, string> environment, string? handlerPath = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = handlerPath ?? BuildPaths.Handler;
        // An assembly runs on the shared runtime; a published (self-contained, ReadyToRun) handler is its own executable.
        var isAssembly = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(isAssembly ? "dotnet" : path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        if (isAssembly)
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(path);
        }

        foreach (var name in start.Environment.Keys.Where(IsHandlerSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new DevelopmentHostException("The handler process could not be started.");
    }

    /// <summary>The most memory the handler has held so far (its peak working set), or null once it has exited.</summary>
    public long? PeakWorkingSetBytes() => PeakMemory.Of(_process);

    /// <summary>The memory the handler holds now, in bytes.</summary>
    public long WorkingSetBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>The handler's processor time so far.</summary>
    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private static bool IsHandlerSetting(string name) =>
        name.StartsWith(HandlerSettingNames.Prefix, StringComparison.Ordinal)
        || name.StartsWith("FUNCTIONS_", StringComparison.Ordinal)
        || name is HandlerSettingNames.Environment or HandlerSettingNames.AzureClientId;

    private async Task WaitUntilReadyAsync(TimeSpan readyWithin, CancellationToken cancellationToken)
    {
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(readyWithin);
        try
        {
            while (!await Client.AnswersAsync(deadline.Token).ConfigureAwait(false))
            {
                if (_process.HasExited)
                {
                    await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                    throw new DevelopmentHostException(
                        $"The handler exited with code {_process.ExitCode} before it was ready: {string.Join(" | ", RecentOutput.TakeLast(12))}");
                }

                await Task.Delay(100, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DevelopmentHostException($"The handler did not answer GET / within {readyWithin.TotalSeconds:F0} s.");
        }
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
}
