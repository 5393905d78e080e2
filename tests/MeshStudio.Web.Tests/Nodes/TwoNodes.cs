using MeshStudio.Web.Tests.Crash;

namespace MeshStudio.Web.Tests.Nodes;

/// <summary>
/// Two MeshStudio processes on one data folder (the catalog and the lake they share), each with its own home folder as
/// if on its own machine: nothing a node keeps in its user's home (such as ASP.NET Core's default key folder) is shared.
/// Node A starts first and seeds the demo mesh; the scheduler is off on both so tests decide when jobs run.
/// </summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _root;

    private TwoNodes(string root, ServerProcess a, ServerProcess b)
    {
        _root = root;
        A = a;
        B = b;
    }

    public ServerProcess A { get; }
    public ServerProcess B { get; }

    public static async Task<TwoNodes> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "meshstudio-node-tests", Guid.NewGuid().ToString("N"));
        var data = Path.Combine(root, "data");
        var a = await ServerProcess.StartAsync(data, StartTimeout, Environment(root, "a", settings));
        try
        {
            return new TwoNodes(root, a, await ServerProcess.StartAsync(data, StartTimeout, Environment(root, "b", settings)));
        }
        catch
        {
            await a.DisposeAsync();
            throw;
        }
    }

    private static Dictionary<string, string> Environment(string root, string node, IReadOnlyDictionary<string, string>? settings)
    {
        var home = Directory.CreateDirectory(Path.Combine(root, $"home-{node}")).FullName;
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["MeshStudio__Jobs__SchedulerEnabled"] = "false",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            environment[name] = value;
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A killed node's DuckDB temp file may linger for a moment; the OS temp folder is cleaned eventually.
        }
    }
}
