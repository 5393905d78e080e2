using MeshStudio.Catalog.Model;
using MeshStudio.Catalog.Tests.Support;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using static MeshStudio.Catalog.Tests.Support.CatalogTestContext;

namespace MeshStudio.Catalog.Tests.Sources;

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
        Assert.Single(await _ctx.Sources.ListReadableAsync(_ctx.Admin, Ct));
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
}
