using System.Diagnostics;
using System.Net;
using System.Text;
using MeshStudio.Web.Tests.Shared;
using Xunit.Abstractions;

namespace MeshStudio.Web.Tests.Hosting;

/// <summary>
/// The lake on a small file system of its own (a 16 MiB tmpfs, mounted by the test: needs root on Linux; without it
/// the test says so and does nothing): filled up, ingest and uploads answer 507 and store nothing, health is
/// unhealthy; once space is freed everything works again and nothing acknowledged is lost.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "meshstudio-diskfull", Guid.NewGuid().ToString("N"));

    private string Lake => Path.Combine(_data, "lake");

    public void Dispose()
    {
        Run("umount", "-l", Lake);
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Ingest_LakeDiskFull_Is507AndUnhealthyUntilSpaceIsFreed()
    {
        Directory.CreateDirectory(Lake);
        if (!OperatingSystem.IsLinux() || !Run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", Lake))
        {
            output.WriteLine("SKIPPED: cannot mount a small tmpfs for the lake here (needs Linux and root); the disk-full behaviour was not tested.");
            return;
        }
        using var app = new MeshAppFactory { DataPath = _data };
        var client = app.AnonymousClient();
        var analyst = app.ClientFor("sales.analyst");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Ingest(app, "before", null))).StatusCode);
        await (await analyst.PostAsync("/api/domains/sales/pipelines", new StringContent(
            "CREATE SOURCE sales.df_files WITH (format = 'csv', path = 'df_files/*.csv');", Encoding.UTF8, "text/plain"))).JsonAsync(HttpStatusCode.OK);
        var filler = Path.Combine(Lake, "filler");
        Fill(filler);

        var refused = await client.SendAsync(Ingest(app, "full", null));
        var refusedKeyed = await client.SendAsync(Ingest(app, "fullkeyed", "key-full"));
        var upload = await analyst.PostAsync("/api/sources/sales/df_files/files?name=a.csv", Csv());
        var health = await client.GetAsync("/health");

        var problem = await refused.JsonAsync((HttpStatusCode)507);
        Assert.Contains("disk is full: nothing of this request was stored", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_data, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode)507, refusedKeyed.StatusCode);
        Assert.Equal((HttpStatusCode)507, upload.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.StartsWith("Unhealthy: The lake's disk is full", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var sourceDir = Path.Combine(Lake, "sales", "sources", "orders");
        Assert.Empty(Directory.GetFiles(sourceDir, ".*")); // no half-written temp file
        Assert.Empty(Directory.GetFiles(Path.Combine(Lake, "sales", "inbox"), ".*", SearchOption.AllDirectories));

        File.Delete(filler);
        var retried = await client.SendAsync(Ingest(app, "fullkeyed", "key-full"));
        var after = await client.SendAsync(Ingest(app, "after", null));

        Assert.False((await retried.JsonAsync(HttpStatusCode.OK)).GetProperty("replayed").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(2, (await (await analyst.PostAsync("/api/sources/sales/df_files/files?name=a.csv", Csv())).JsonAsync(HttpStatusCode.OK))
            .GetProperty("rows").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        foreach (var (id, expected) in new[] { ("before", 2L), ("full", 0L), ("fullkeyed", 2L), ("after", 2L) })
            Assert.Equal(expected, await analyst.CountAsync($"SELECT count(*) FROM sales.orders WHERE order_id LIKE 'df-{id}-%'"));
    }

    private static StringContent Csv() => new("id\n1\n2\n", Encoding.UTF8, "text/csv");

    private static HttpRequestMessage Ingest(MeshAppFactory app, string id, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/sales/orders")
        {
            Content = new StringContent($"{{\"order_id\":\"df-{id}-1\"}}\n{{\"order_id\":\"df-{id}-2\"}}\n", Encoding.UTF8, "application/x-ndjson"),
            Headers = { { "X-Api-Key", app.ApiKey("sales") } },
        };
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    /// <summary>Writes until the file system is full.</summary>
    private static void Fill(string path)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
                stream.Write(block);
        }
        catch (IOException)
        {
        }
        try
        {
            while (true)
                stream.Write(block, 0, 1);
        }
        catch (IOException)
        {
        }
    }

    private static bool Run(string command, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
