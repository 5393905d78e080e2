using MeshStudio.Application.Governance;
using MeshStudio.Catalog.Governance;
using MeshStudio.Core.Access;
using MeshStudio.TestSupport;
using static MeshStudio.TestSupport.CatalogTestContext;

namespace MeshStudio.Application.Tests.Governance;

/// <summary>Reading and verifying the audit log: stewards and admins only, with one message for everyone else.</summary>
public sealed class AuditServiceTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;
    private static readonly CancellationToken Ct = CancellationToken.None;

    public async Task InitializeAsync() => _ctx = await CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private AuditService Audit => _ctx.Get<AuditService>();

    [Fact]
    public async Task ListAsync_Steward_PagesNewestFirstWithTheTotal()
    {
        await _ctx.Audit.WriteAsync("sally", "test.first", "sales.a", "", Ct);
        await _ctx.Audit.WriteAsync("sally", "test.second", "sales.b", "", Ct);
        var total = await _ctx.Audit.CountAsync(Ct);

        var page = await Audit.ListAsync(_ctx.Steward, 0, 1, Ct);
        var next = await Audit.ListAsync(_ctx.Admin, 1, 1, Ct);

        Assert.Equal(total, page.Total);
        Assert.Equal("test.second", Assert.Single(page.Entries).Action);
        Assert.Equal("test.first", Assert.Single(next.Entries).Action);
    }

    [Fact]
    public async Task ListAndVerify_OwnerAnalystOrConsumer_RefusedWithOneMessage()
    {
        foreach (var user in new[] { _ctx.Sally, _ctx.Sam, _ctx.Leo })
        {
            var list = await Assert.ThrowsAsync<AccessDeniedException>(() => Audit.ListAsync(user, 0, 10, Ct));
            var verify = await Assert.ThrowsAsync<AccessDeniedException>(() => Audit.VerifyAsync(user, Ct));
            Assert.Equal((AuditService.ReadersOnly, AuditService.ReadersOnly), (list.Message, verify.Message));
        }
    }

    [Fact]
    public async Task VerifyAsync_Steward_IntactAndRecordedAsTheSteward()
    {
        var result = await Audit.VerifyAsync(_ctx.Steward, Ct);

        Assert.True(result.Intact, result.Summary);
        var newest = Assert.Single((await Audit.ListAsync(_ctx.Steward, 0, 1, Ct)).Entries);
        Assert.Equal((_ctx.Steward.UserName, AuditLog.VerifiedAction), (newest.Actor, newest.Action));
    }

    [Fact]
    public async Task VerifyAsync_Refused_RecordsNothing()
    {
        var before = await _ctx.Audit.CountAsync(Ct);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Audit.VerifyAsync(_ctx.Leo, Ct));

        Assert.Equal(before, await _ctx.Audit.CountAsync(Ct));
    }
}
