using MeshStudio.Catalog.Identity;
using MeshStudio.Core.Access;
using MeshStudio.Core.Identity;
using MeshStudio.TestSupport;

namespace MeshStudio.Application.Tests.Domains;

public sealed class DomainServiceTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;
    private static readonly CancellationToken Ct = CancellationToken.None;

    public async Task InitializeAsync() => _ctx = await CatalogTestContext.CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task VerifyApiKeyAsync_CurrentKey_ReturnsTrue()
    {
        Assert.True(await _ctx.Domains.VerifyApiKeyAsync("sales", _ctx.ApiKeys["sales"], Ct));
        Assert.StartsWith("mdk_", _ctx.ApiKeys["sales"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sales", "")]
    [InlineData("sales", "mdk_wrong")]
    [InlineData("nosuchdomain", "mdk_wrong")]
    public async Task VerifyApiKeyAsync_WrongKeyOrDomain_ReturnsFalse(string domain, string key)
    {
        Assert.False(await _ctx.Domains.VerifyApiKeyAsync(domain, key, Ct));
    }

    [Fact]
    public async Task VerifyApiKeyAsync_OtherDomainsKey_ReturnsFalse()
    {
        Assert.False(await _ctx.Domains.VerifyApiKeyAsync("sales", _ctx.ApiKeys["marketing"], Ct));
    }

    [Fact]
    public async Task RotateApiKeyAsync_Owner_OldKeyStopsWorking()
    {
        var key = await _ctx.Domains.RotateApiKeyAsync(_ctx.Sally, "sales", Ct);

        Assert.True(await _ctx.Domains.VerifyApiKeyAsync("sales", key, Ct));
        Assert.False(await _ctx.Domains.VerifyApiKeyAsync("sales", _ctx.ApiKeys["sales"], Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Domains.RotateApiKeyAsync(_ctx.Sam, "sales", Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Domains.RotateApiKeyAsync(_ctx.Mia, "sales", Ct));
    }

    [Fact]
    public async Task SetApiKeyAsync_KnownKey_VerifiesAndIsIdempotent()
    {
        await _ctx.Domains.SetApiKeyAsync("logistics", "demo-logistics-key-123", Ct);
        var count = await _ctx.Audit.CountAsync(Ct);
        await _ctx.Domains.SetApiKeyAsync("logistics", "demo-logistics-key-123", Ct);

        Assert.True(await _ctx.Domains.VerifyApiKeyAsync("logistics", "demo-logistics-key-123", Ct));
        Assert.Equal(count, await _ctx.Audit.CountAsync(Ct));
        await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Domains.SetApiKeyAsync("logistics", "short", Ct));
    }

    [Fact]
    public async Task CreateAsync_ExistingNameOrInvalidName_ThrowsRuleViolation()
    {
        var existing = await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Domains.CreateAsync(_ctx.Admin, "sales", "again", Ct));
        var invalid = await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Domains.CreateAsync(_ctx.Admin, "Sales Team", "", Ct));

        Assert.Equal("A domain named 'sales' already exists.", existing.Message);
        Assert.Contains("not a valid domain name", invalid.Message, StringComparison.Ordinal);
        Assert.True(await _ctx.Domains.ExistsAsync("sales", Ct));
        Assert.False(await _ctx.Domains.ExistsAsync("finance", Ct));
    }

    [Theory]
    [InlineData("mesh_internal")]
    [InlineData("main")]
    public async Task CreateAsync_ReservedName_ThrowsRuleViolation(string name)
    {
        var reserved = await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Domains.CreateAsync(_ctx.Admin, name, "", Ct));

        Assert.Contains("reserved by the platform", reserved.Message, StringComparison.Ordinal);
        Assert.False(await _ctx.Domains.ExistsAsync(name, Ct));
    }

    [Fact]
    public async Task CreateAsync_NonAdmin_ThrowsAccessDenied()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Domains.CreateAsync(_ctx.Sally, "finance", "", Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Domains.CreateAsync(_ctx.Steward, "finance", "", Ct));
    }

    [Fact]
    public async Task ListAsync_ReturnsCountsAndMembersOwnersFirst()
    {
        await _ctx.DeployWithDataAsync(_ctx.Sam, "sales.orders_clean");

        var domains = await _ctx.Domains.ListAsync(Ct);

        Assert.Equal(["logistics", "marketing", "sales"], domains.Select(d => d.Name));
        var sales = domains[2];
        Assert.Equal((0, 1), (sales.SourceCount, sales.ProductCount));
        Assert.Equal(
            [new("sally", "Sally Sales", DomainRole.Owner), new("sam", "Sam Analyst", DomainRole.Analyst)],
            sales.Members);
    }

    [Fact]
    public async Task AddMemberAsync_ExistingMember_ChangesRoleAndUserContextFollows()
    {
        await _ctx.Domains.AddMemberAsync(_ctx.Sally, "sales", "sam", DomainRole.Owner, Ct);
        await _ctx.Domains.AddMemberAsync(_ctx.Sally, "sales", "leo", DomainRole.Analyst, Ct);

        var sam = await _ctx.UserAsync("sam");
        var leo = await _ctx.UserAsync("leo");
        Assert.True(sam.IsOwnerOf("sales"));
        Assert.Equal(["logistics", "sales"], leo.Memberships.Keys.Order());
        await Assert.ThrowsAsync<RuleViolationException>(() => _ctx.Domains.AddMemberAsync(_ctx.Sally, "sales", "ghost", DomainRole.Analyst, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _ctx.Domains.AddMemberAsync(_ctx.Mia, "sales", "mia", DomainRole.Owner, Ct));
    }

    [Fact]
    public async Task UserContextLoader_PlatformRoles_ComeFromIdentityRoles()
    {
        Assert.True(_ctx.Admin.IsAdmin);
        Assert.False(_ctx.Admin.IsSteward);
        Assert.True(_ctx.Steward.IsSteward);
        Assert.Empty(_ctx.Steward.Memberships);
        Assert.Equal(DomainRole.Owner, _ctx.Sally.Memberships["sales"]);
        Assert.Null(await _ctx.Get<UserContextLoader>().LoadAsync("nobody", Ct));
    }
}
