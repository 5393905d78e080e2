using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Crash;

/// <summary>
/// The built MeshStudio.Web app as a separate OS process over a given data folder (Development environment: the
/// demo users, tokens and API keys), so a test can kill it with SIGKILL and start it again on the same data.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>
    /// Starts the app on a free loopback port and waits until <c>/health</c> answers; <paramref name="environment"/> adds
    /// or overrides environment variables (settings such as <c>MeshStudio__Redis__ConnectionString</c>, or <c>HOME</c>).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string dataPath, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [AppAssembly()])
        {
            WorkingDirectory = Path.GetDirectoryName(AppAssembly())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["MeshStudio__DataPath"] = dataPath;
        start.Environment["MeshStudio__Simulator__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, address);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The server exited with code {process.ExitCode} while starting.");
            try
            {
                if ((await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                    return server;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        await server.DisposeAsync();
        throw new TimeoutException($"The server did not answer /health within {timeout}.");
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or a power cut of the process.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        KillHard();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The web app's build output that matches this test build (same configuration and runtime folders).</summary>
    private static string AppAssembly()
    {
        var testOutput = AppContext.BaseDirectory;
        var testProject = Path.Combine(RepositoryRoot.Path, "tests", "MeshStudio.Web.Tests");
        var outputPart = Path.GetRelativePath(testProject, testOutput);
        var app = Path.Combine(RepositoryRoot.Path, "src", "MeshStudio.Web", outputPart, "MeshStudio.Web.dll");
        return File.Exists(app) ? app : throw new FileNotFoundException("Build the solution first: the web app is not at " + app);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
