using System.Globalization;
using MeshStudio.Application.Entitlements;
using MeshStudio.Application.Execution;
using MeshStudio.Application.Products;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Ingestion;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Execution;

/// <summary>
/// An integer sum past 2^53 reaches the product exactly, whether the job recomputes fully or merges runs: stored
/// as DECIMAL(38,0), shown so in the catalog, and read back digit for digit.
/// </summary>
public sealed class ExactSumJobTests : IAsyncLifetime
{
    private ComponentTestContext _ctx = null!;

    public async Task InitializeAsync()
    {
        _ctx = await ComponentTestContext.CreateAsync();
        await DeployAsync("""
            CREATE SOURCE sales.counters (k VARCHAR, ts TIMESTAMP, n BIGINT) WITH (format = 'json', ingest = 'http', event_time = 'ts');
            """);
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Theory]
    [InlineData("SELECT k, sum(n) AS total FROM sales.counters GROUP BY ALL", "incremental (merge)")]
    [InlineData("SELECT k, sum(n) AS total, avg(n) AS mean FROM sales.counters GROUP BY ALL", "full: ")]
    public async Task RunAsync_SumOfBigintsPast2Pow53_IsStoredExactly(string select, string mode)
    {
        await DeployAsync($"CREATE JOB sales.totals_job AS INSERT INTO sales.totals KEY (k) {select}");

        await IngestAsync(("a", 9007199254740993));
        var first = await RunAsync();
        await IngestAsync(("a", 2));
        var second = await RunAsync();

        Assert.StartsWith(mode, first.Mode, StringComparison.Ordinal);
        Assert.StartsWith(mode, second.Mode, StringComparison.Ordinal);
        Assert.Equal(["9007199254740995|DECIMAL(38,0)"], await QueryAsync("SELECT total::VARCHAR || '|' || typeof(total) FROM sales.totals"));
        var product = await _ctx.Get<ProductService>().GetAsync(await _ctx.UserAsync("sally"), ComponentTestContext.Q("sales.totals"), CancellationToken.None);
        Assert.Equal("DECIMAL(38,0)", product!.Columns.Single(c => c.Name == "total").Type);
    }

    private Task IngestAsync(params (string K, long N)[] events) =>
        _ctx.Get<IEventStore>().AppendAsync(ComponentTestContext.Q("sales.counters"),
            events.Select(e => string.Create(CultureInfo.InvariantCulture, $$"""{"k":"{{e.K}}","ts":"2026-03-01T10:00:00","n":{{e.N}}}""")).ToArray(),
            CancellationToken.None);

    private async Task<JobRunOutcome> RunAsync()
    {
        var outcome = await _ctx.Get<JobRunner>().RunAsync(ComponentTestContext.Q("sales.totals_job"), CancellationToken.None);
        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        return outcome;
    }

    private async Task DeployAsync(string script)
    {
        var result = await _ctx.Get<PipelineDeployer>().DeployAsync(await _ctx.UserAsync("sally"), "sales", script, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(" ", result.Statements.Select(s => s.Message)));
    }

    private async Task<List<string>> QueryAsync(string sql)
    {
        var grant = await _ctx.Get<EntitlementService>().GrantForAsync(await _ctx.UserAsync("sally"), CancellationToken.None);
        var rows = new List<string>();
        await foreach (var batch in _ctx.Get<IQueryEngine>().StreamAsync(grant, sql, 1000, CancellationToken.None))
            rows.AddRange(batch.Rows.Select(r => Convert.ToString(r[0], CultureInfo.InvariantCulture)!));
        return rows;
    }
}
