using MeshStudio.Application.Sources;
using MeshStudio.Catalog;
using MeshStudio.Catalog.Model;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.TestSupport;
using Microsoft.EntityFrameworkCore;
using static MeshStudio.TestSupport.CatalogTestContext;

namespace MeshStudio.Application.Tests.Sources;

public sealed class SourceServiceTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;
    private static readonly CancellationToken Ct = CancellationToken.None;

    public async Task InitializeAsync() => _ctx = await CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private static CreateSourceStatement Statement(string name, params (string Key, string Value)[] options) =>
        new(Q(name), [new("order_id", "VARCHAR"), new("ts", "TIMESTAMP")], options.ToDictionary(o => o.Key, o => o.Value));

    [Fact]
    public async Task UpsertAsync_Twice_UpdatesAndListsForMembersOnly()
    {
        await _ctx.Sources.UpsertAsync(_ctx.Sam, Statement("sales.orders", ("format", "json")), "v1", Ct);
        await _ctx.Sources.UpsertAsync(_ctx.Sam, Statement("sales.orders", ("format", "csv"), ("path", "orders/*.csv")), "v2", Ct);

        var mine = Assert.Single(await _ctx.Sources.ListReadableAsync(_ctx.Sally, Ct));
        Assert.Equal((SourceKind.File, "csv"), (mine.Kind, mine.Format));
        Assert.Empty(await _ctx.Sources.ListReadableAsync(_ctx.Mia, Ct));
        // Admins administer; they read no domain's sources without being its member.
        Assert.Empty(await _ctx.Sources.ListReadableAsync(_ctx.Admin, Ct));
        var found = await _ctx.Sources.FindAsync(Q("sales.orders"), Ct);
        Assert.Equal(("orders/*.csv", "v2", "sales"), (found!.Path, found.Definition, found.Domain!.Name));
    }

    [Theory]
    [InlineData("path", "../../etc/*.csv")]
    [InlineData("path", "/etc/passwd")]
    [InlineData("format", "xml")]
    [InlineData("event_time", "missing_column")]
    public async Task UpsertAsync_BadOption_ThrowsRuleViolation(string key, string value)
    {
        await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Sources.UpsertAsync(_ctx.Sam, Statement("sales.orders", (key, value)), "…", Ct));
    }

    [Fact]
    public async Task UpsertAsync_UnknownDomainOrNonMember_Throws()
    {
        await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Sources.UpsertAsync(_ctx.Admin, Statement("finance.ledger"), "…", Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Sources.UpsertAsync(_ctx.Mia, Statement("sales.orders"), "…", Ct));
    }

    private async Task<Source> DeployHttpAsync(string script)
    {
        var statement = (CreateSourceStatement)MeshSqlParser.Parse(script);
        await _ctx.Sources.UpsertAsync(_ctx.Sam, statement, script, Ct);
        return (await _ctx.Sources.FindAsync(statement.Name, Ct))!;
    }

    [Fact]
    public async Task ApplyHttpDriftAsync_FirstBatchInfers_LaterOnesAddAndWidenOnlyUndeclaredColumns()
    {
        var declared = await DeployHttpAsync("CREATE SOURCE sales.clicks (id VARCHAR, n BIGINT) WITH (format = 'json', ingest = 'http')");
        await DeployHttpAsync("CREATE SOURCE sales.views WITH (format = 'json', ingest = 'http')");
        Assert.Empty(SourceService.WidenableColumns(declared));

        var views = await _ctx.Sources.ApplyHttpDriftAsync(Q("sales.views"), [new("id", "BIGINT")], Ct);
        var clicks = await _ctx.Sources.ApplyHttpDriftAsync(Q("sales.clicks"), [new("n", "DOUBLE"), new("extra", "BIGINT")], Ct);
        clicks = await _ctx.Sources.ApplyHttpDriftAsync(Q("sales.clicks"), [new("extra", "VARCHAR")], Ct);

        Assert.True(views.SchemaInferred);
        Assert.Equal([new("id", "BIGINT")], views.Columns);
        Assert.Equal(["id"], SourceService.WidenableColumns(views));
        Assert.False(clicks.SchemaInferred);
        Assert.Equal([new("id", "VARCHAR"), new("n", "BIGINT"), new("extra", "VARCHAR")], clicks.Columns); // n is declared: never widened
        Assert.Equal(["extra"], SourceService.WidenableColumns(clicks));
        await using var db = await _ctx.Get<IDbContextFactory<MeshDbContext>>().CreateDbContextAsync();
        var audit = db.AuditEntries.Where(a => a.Actor == "ingestion").OrderBy(a => a.Id).Select(a => a.Action + " " + a.Target + ": " + a.Details).ToList();
        Assert.Equal(
        [
            "source.schema_inferred sales.views: HTTP batch: added column id BIGINT",
            "source.schema_changed sales.clicks: HTTP batch: added column extra BIGINT",
            "source.schema_changed sales.clicks: HTTP batch: widened column extra from BIGINT to VARCHAR",
        ], audit);
    }

    [Fact]
    public async Task ApplyHttpDriftAsync_ConcurrentChanges_AreAllKept()
    {
        await DeployHttpAsync("CREATE SOURCE sales.clicks WITH (format = 'json', ingest = 'http')");

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => _ctx.Sources.ApplyHttpDriftAsync(Q("sales.clicks"), [new($"f{i}", "BIGINT")], Ct))));

        var source = await _ctx.Sources.FindAsync(Q("sales.clicks"), Ct);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"f{i}").Order(), source!.Columns.Select(c => c.Name).Order());
    }

    [Fact]
    public async Task ApplyHttpDriftAsync_TooManyColumns_IsRefused()
    {
        await DeployHttpAsync("CREATE SOURCE sales.clicks WITH (format = 'json', ingest = 'http')");

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Sources.ApplyHttpDriftAsync(Q("sales.clicks"),
            Enumerable.Range(0, SourceService.MaxColumns + 1).Select(i => new ColumnSchema($"f{i}", "BIGINT")).ToList(), Ct));

        Assert.Contains("at most 500", ex.Message, StringComparison.Ordinal);
        Assert.Empty((await _ctx.Sources.FindAsync(Q("sales.clicks"), Ct))!.Columns);
    }

    [Fact]
    public async Task UpsertAsync_HttpSourceAgain_KeepsColumnsItsEventsAdded()
    {
        const string script = "CREATE SOURCE sales.clicks (id VARCHAR) WITH (format = 'json', ingest = 'http')";
        await DeployHttpAsync(script);
        await _ctx.Sources.ApplyHttpDriftAsync(Q("sales.clicks"), [new("qty", "BIGINT")], Ct);

        var again = await DeployHttpAsync(script);
        var redeclared = await DeployHttpAsync("CREATE SOURCE sales.clicks (id VARCHAR, qty DOUBLE, note VARCHAR) WITH (format = 'json', ingest = 'http')");

        Assert.Equal([new("id", "VARCHAR"), new("qty", "BIGINT")], again.Columns);
        Assert.Equal(["id", "qty", "note"], redeclared.Columns.Select(c => c.Name));
        Assert.Equal("DOUBLE", redeclared.Columns[1].Type); // declared now: the declaration wins
        Assert.Empty(SourceService.WidenableColumns(redeclared));
    }
}
