using System.Net;
using System.Text;
using System.Text.Json;
using MeshStudio.Catalog;
using MeshStudio.Core.Products;
using MeshStudio.Web.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Web.Tests.Api;

/// <summary>HTTP sources infer their schema from the first batch and follow drift (ADR 11).</summary>
[Collection(MeshAppCollection.Name)]
public class HttpSourceDriftTests(MeshAppFactory app)
{
    private async Task DeployAsync(string script) =>
        await (await app.ClientFor("sales.analyst").PostAsync("/api/domains/sales/pipelines",
            new StringContent(script, Encoding.UTF8, "text/plain"))).JsonAsync(HttpStatusCode.OK);

    private Task<HttpResponseMessage> IngestAsync(string source, string body) =>
        app.AnonymousClient().SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/sales/{source}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson"),
            Headers = { { "X-Api-Key", app.ApiKey("sales") } },
        });

    private async Task<JsonElement> QueryAsync(string sql) =>
        await (await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql", new { sql })).JsonAsync(HttpStatusCode.OK);

    private async Task<List<ColumnSchema>> ColumnsAsync(string source)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MeshDbContext>>().CreateDbContextAsync();
        var stored = await db.Sources.AsNoTracking().SingleAsync(s => s.Domain!.Name == "sales" && s.Name == source);
        return stored.Columns;
    }

    private async Task<List<string>> AuditAsync(string source)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MeshDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Target == $"sales.{source}").OrderBy(a => a.Id)
            .Select(a => a.Action + ": " + a.Details).ToListAsync();
    }

    private static string TypeOf(IEnumerable<ColumnSchema> columns, string name) => columns.Single(c => c.Name == name).Type;

    [Fact]
    public async Task UndeclaredSource_FirstBatchInfersTheColumns_AndIsQueryable()
    {
        await DeployAsync("CREATE SOURCE sales.clicks_inferred WITH (format = 'json', ingest = 'http');");
        var before = await (await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql",
            new { sql = "SELECT * FROM sales.clicks_inferred" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("no schema yet", before.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var response = await IngestAsync("clicks_inferred",
            "{\"id\":\"c1\",\"happened\":\"2026-11-25T10:00:00.5+01:00\",\"n\":3,\"score\":1.5,\"ok\":true,\"meta\":{\"a\":1},\"note\":null}\n" +
            "{\"id\":\"c2\",\"happened\":\"2026-11-25 10:00:01\",\"n\":4,\"score\":2,\"ok\":false,\"meta\":[1,2],\"note\":null}\n");

        Assert.Equal(2, (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("accepted").GetInt32());
        var columns = await ColumnsAsync("clicks_inferred");
        Assert.Equal(["id", "happened", "n", "score", "ok", "meta", "note"], columns.Select(c => c.Name));
        Assert.Equal(["VARCHAR", "TIMESTAMP", "BIGINT", "DOUBLE", "BOOLEAN", "JSON", "VARCHAR"], columns.Select(c => c.Type));
        Assert.Contains(await AuditAsync("clicks_inferred"), a => a.StartsWith("source.schema_inferred: HTTP batch: added column id VARCHAR", StringComparison.Ordinal));

        var rows = await QueryAsync(
            "SELECT id, CAST(happened AS VARCHAR) AS happened, n + 1 AS n1, score, ok, CAST(meta AS VARCHAR) AS meta FROM sales.clicks_inferred ORDER BY id");
        var first = rows.GetProperty("rows")[0];
        Assert.Equal("c1", first[0].GetString());
        Assert.Equal("2026-11-25 09:00:00.5", first[1].GetString()); // normalised to UTC on the second read
        Assert.Equal(4, first[2].GetInt64());
        Assert.Equal(1.5, first[3].GetDouble());
        Assert.True(first[4].GetBoolean());
        Assert.Equal("{\"a\":1}", first[5].GetString());
    }

    [Fact]
    public async Task LaterBatchWithANewField_AddsTheColumn_EarlierEventsReadNull()
    {
        await DeployAsync("CREATE SOURCE sales.drift_new (id VARCHAR, amount DOUBLE) WITH (format = 'json', ingest = 'http');");
        (await IngestAsync("drift_new", "{\"id\":\"a\",\"amount\":1}\n{\"id\":\"b\",\"amount\":2}")).EnsureSuccessStatusCode();

        (await IngestAsync("drift_new", "{\"id\":\"c\",\"amount\":3,\"country\":\"DE\",\"seen\":\"2026-01-02T03:04:05Z\"}")).EnsureSuccessStatusCode();

        var columns = await ColumnsAsync("drift_new");
        Assert.Equal(["id", "amount", "country", "seen"], columns.Select(c => c.Name));
        Assert.Equal("TIMESTAMP", TypeOf(columns, "seen"));
        Assert.Contains(await AuditAsync("drift_new"),
            a => a == "source.schema_changed: HTTP batch: added column country VARCHAR; added column seen TIMESTAMP");
        var rows = (await QueryAsync("SELECT id, country, CAST(seen AS VARCHAR) FROM sales.drift_new ORDER BY id")).GetProperty("rows");
        Assert.Equal(3, rows.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, rows[0][1].ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[1][1].ValueKind);
        Assert.Equal("DE", rows[2][1].GetString());
        Assert.Equal("2026-01-02 03:04:05", rows[2][2].GetString());
    }

    [Fact]
    public async Task InferredColumns_Widen_DeclaredOnesNever()
    {
        await DeployAsync("CREATE SOURCE sales.drift_widen (id VARCHAR) WITH (format = 'json', ingest = 'http');");
        (await IngestAsync("drift_widen", "{\"id\":\"a\",\"n\":1,\"happened\":\"2026-01-01T00:00:00Z\"}")).EnsureSuccessStatusCode();
        Assert.Equal("BIGINT", TypeOf(await ColumnsAsync("drift_widen"), "n"));

        (await IngestAsync("drift_widen", "{\"id\":\"b\",\"n\":2.5,\"happened\":\"2026-01-02T00:00:00Z\"}")).EnsureSuccessStatusCode();
        Assert.Equal("DOUBLE", TypeOf(await ColumnsAsync("drift_widen"), "n"));

        (await IngestAsync("drift_widen", "{\"id\":\"c\",\"n\":\"lots\",\"happened\":\"soon\"}")).EnsureSuccessStatusCode();
        var columns = await ColumnsAsync("drift_widen");
        Assert.Equal(["VARCHAR", "VARCHAR", "VARCHAR"], columns.Select(c => c.Type));
        Assert.Contains(await AuditAsync("drift_widen"), a => a.Contains("widened column n from DOUBLE to VARCHAR", StringComparison.Ordinal));
        var rows = (await QueryAsync("SELECT id, n, happened FROM sales.drift_widen ORDER BY id")).GetProperty("rows");
        Assert.Equal(["1", "2.5", "lots"], rows.EnumerateArray().Select(r => r[1].GetString()));
        Assert.Equal("soon", rows[2][2].GetString());

        // A declared column keeps its type: a wrong value is still a line error and the batch changes nothing.
        var refused = await IngestAsync("drift_widen", "{\"id\":\"d\"}\n{\"id\":{\"x\":1},\"extra\":1}");
        var errors = (await refused.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(["line 2: field \"id\" must be text, got a JSON object."], errors);
        Assert.Equal(3, await app.ClientFor("sales.analyst").CountAsync("SELECT count(*) FROM sales.drift_widen"));
        Assert.DoesNotContain(await ColumnsAsync("drift_widen"), c => c.Name == "extra");
    }

    [Fact]
    public async Task DeclaredColumnWithAWrongType_StillRefusesTheBatchWithTheLine()
    {
        await DeployAsync("CREATE SOURCE sales.drift_declared (id VARCHAR, amount DOUBLE, ts TIMESTAMP) WITH (format = 'json', ingest = 'http');");

        var response = await IngestAsync("drift_declared",
            "{\"id\":\"a\",\"amount\":1,\"fresh\":true}\n{\"id\":\"b\",\"amount\":\"much\"}\n{\"id\":\"c\",\"ts\":\"yesterday\"}");

        var errors = (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("line 2: field \"amount\" must be a number (DOUBLE), got \"much\"", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("line 3: field \"ts\" must be an ISO-8601 date/time string", errors[1], StringComparison.Ordinal);
        Assert.Equal(["id", "amount", "ts"], (await ColumnsAsync("drift_declared")).Select(c => c.Name));
    }

    [Fact]
    public async Task ConcurrentBatchesWithNewFields_LoseNoColumn()
    {
        await DeployAsync("CREATE SOURCE sales.drift_concurrent WITH (format = 'json', ingest = 'http');");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => IngestAsync("drift_concurrent", $"{{\"id\":{i},\"f{i}\":\"v{i}\"}}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var columns = await ColumnsAsync("drift_concurrent");
        Assert.Equal(9, columns.Count);
        Assert.All(Enumerable.Range(0, 8), i => Assert.Contains(columns, c => c.Name == $"f{i}"));
        Assert.Equal(8, await app.ClientFor("sales.analyst").CountAsync("SELECT count(*) FROM sales.drift_concurrent"));
        Assert.Equal(1, await app.ClientFor("sales.analyst").CountAsync("SELECT count(*) FROM sales.drift_concurrent WHERE f3 = 'v3' AND id = 3"));
    }

    [Fact]
    public async Task Redeploy_KeepsTheColumnsEventsAdded()
    {
        const string script = "CREATE SOURCE sales.drift_redeploy (id VARCHAR) WITH (format = 'json', ingest = 'http');";
        await DeployAsync(script);
        (await IngestAsync("drift_redeploy", "{\"id\":\"a\",\"qty\":2}")).EnsureSuccessStatusCode();

        await DeployAsync(script);

        Assert.Equal(["id", "qty"], (await ColumnsAsync("drift_redeploy")).Select(c => c.Name));
        (await IngestAsync("drift_redeploy", "{\"id\":\"b\",\"qty\":2.5}")).EnsureSuccessStatusCode();
        Assert.Equal("DOUBLE", TypeOf(await ColumnsAsync("drift_redeploy"), "qty"));
    }
}
