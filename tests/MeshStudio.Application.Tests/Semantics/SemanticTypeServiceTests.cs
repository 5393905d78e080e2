using MeshStudio.Application.Semantics;
using MeshStudio.Core.Access;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Identity;
using MeshStudio.Core.Semantics;
using MeshStudio.TestSupport;
using static MeshStudio.TestSupport.CatalogTestContext;

namespace MeshStudio.Application.Tests.Semantics;

public sealed class SemanticTypeServiceTests : IAsyncLifetime
{
    private CatalogTestContext _ctx = null!;
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static readonly SemanticType Country = new("country", "ISO 3166 alpha-2 codes.",
    [
        new SemanticValue("US", ["USA", "U.S.A.", " United States "]),
        new SemanticValue("DE", ["Germany"]),
    ]);

    public async Task InitializeAsync() => _ctx = await CreateAsync();

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private SemanticTypeService Service => _ctx.Get<SemanticTypeService>();

    [Fact]
    public async Task UpsertAsync_Steward_StoresTrimmedTypeAndAudits()
    {
        await Service.UpsertAsync(_ctx.Steward, Country, Ct);

        var stored = await Service.GetAsync("country", Ct);
        Assert.NotNull(stored);
        Assert.Equal(["USA", "U.S.A.", "United States"], stored.Values[0].Synonyms);
        Assert.Equal("country", Assert.Single(await Service.ListAsync(Ct)).Name);
        var entry = (await _ctx.Audit.ListAsync(0, 1, Ct))[0];
        Assert.Equal(("semantic-type.saved", "country", "steward"), (entry.Action, entry.Target, entry.Actor));
    }

    [Fact]
    public async Task UpsertAsync_SameNameTwice_ReplacesValues()
    {
        await Service.UpsertAsync(_ctx.Steward, Country, Ct);
        await Service.UpsertAsync(_ctx.Admin, Country with { Values = [new SemanticValue("FR", ["France"])] }, Ct);

        var stored = Assert.Single(await Service.ListAsync(Ct));
        Assert.Equal("FR", Assert.Single(stored.Values).Canonical);
    }

    [Fact]
    public async Task UpsertAsync_DomainMember_IsDenied() =>
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.UpsertAsync(_ctx.Sally, Country, Ct));

    [Theory]
    [InlineData("Country")]
    [InlineData("country code")]
    [InlineData("1country")]
    public async Task UpsertAsync_NameNotAnIdentifier_IsRefused(string name)
    {
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Service.UpsertAsync(_ctx.Steward, Country with { Name = name }, Ct));
        Assert.Contains("not a valid type name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_SynonymOfTwoCanonicals_IsRefused()
    {
        var ambiguous = Country with { Values = [.. Country.Values, new SemanticValue("GB", ["usa"])] };

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => Service.UpsertAsync(_ctx.Steward, ambiguous, Ct));

        Assert.Contains("both US and GB", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Service.ListAsync(Ct));
    }

    [Fact]
    public async Task AddAsync_SynonymOfExistingCanonical_ExtendsItAndNewCanonicalIsAdded()
    {
        await Service.UpsertAsync(_ctx.Steward, Country, Ct);

        await Service.AddAsync(_ctx.Steward, "country", "US", "Amerika", Ct);
        var stored = await Service.AddAsync(_ctx.Steward, "country", "NL", "Holland", Ct);

        Assert.Contains("Amerika", stored.Values.Single(v => v.Canonical == "US").Synonyms);
        Assert.Equal(["Holland"], stored.Values.Single(v => v.Canonical == "NL").Synonyms);
        Assert.Equal("US", new SemanticMatcher((await Service.GetAsync("country", Ct))!).Match("AMERIKA"));
    }

    [Fact]
    public async Task MappingsAsync_StoredType_ListsNormalisedKeys()
    {
        await Service.UpsertAsync(_ctx.Steward, Country, Ct);

        var mappings = await Service.MappingsAsync(Ct);

        Assert.Contains(new SemanticMapping("country", "UNITED STATES", "US"), mappings);
        Assert.Contains(new SemanticMapping("country", "DE", "DE"), mappings);
        Assert.Equal(5, mappings.Count); // US, USA (U.S.A. is the same key), UNITED STATES, DE, GERMANY
    }

    [Fact]
    public async Task GrantForAsync_AnyUser_CarriesTheMappings()
    {
        await Service.UpsertAsync(_ctx.Steward, Country, Ct);

        var grant = await _ctx.Entitlements.GrantForAsync(_ctx.Leo, Ct);

        Assert.Equal(5, grant.Semantics?.Count);
    }

    [Fact]
    public async Task UnmatchedScanAsync_Steward_GrantsOnlySourcesWithTheTypesColumn()
    {
        await Service.UpsertAsync(_ctx.Steward, Country, Ct);
        await _ctx.Sources.UpsertAsync(_ctx.Sam, new CreateSourceStatement(Q("sales.orders"),
            [new("order_id", "VARCHAR"), new("country", "VARCHAR")], new Dictionary<string, string>()), "CREATE SOURCE sales.orders …", Ct);
        await _ctx.Sources.UpsertAsync(_ctx.Mia, new CreateSourceStatement(Q("marketing.clicks"),
            [new("campaign", "VARCHAR")], new Dictionary<string, string>()), "CREATE SOURCE marketing.clicks …", Ct);

        var scan = await Service.UnmatchedScanAsync(_ctx.Steward, "country", Ct);

        Assert.Equal(new SemanticColumn(Q("sales.orders"), "country", ShowsValues: false), Assert.Single(scan.Columns));
        var relation = Assert.Single(scan.Grant.Relations);
        Assert.Equal((Q("sales.orders"), RelationKind.IngestedSource), (relation.Name, relation.Kind));
        Assert.Equal(5, scan.Grant.Semantics?.Count);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.UnmatchedScanAsync(_ctx.Sam, "country", Ct));
    }

    [Fact]
    public async Task UnmatchedScanAsync_StewardInTheDomain_SeesValuesExceptPersonalData()
    {
        await Service.UpsertAsync(_ctx.Steward, Country, Ct);
        await Service.UpsertAsync(_ctx.Steward, new SemanticType("email", "Contact addresses.", [new SemanticValue("a@b.example", [])]), Ct);
        await _ctx.Sources.UpsertAsync(_ctx.Sam, new CreateSourceStatement(Q("sales.orders"),
            [new("email", "VARCHAR"), new("country", "VARCHAR")], new Dictionary<string, string>()), "CREATE SOURCE sales.orders …", Ct);
        var memberSteward = _ctx.Steward with { Memberships = new Dictionary<string, DomainRole> { ["sales"] = DomainRole.Analyst } };

        var country = Assert.Single((await Service.UnmatchedScanAsync(memberSteward, "country", Ct)).Columns);
        var email = Assert.Single((await Service.UnmatchedScanAsync(memberSteward, "email", Ct)).Columns);

        Assert.True(country.ShowsValues);
        Assert.False(email.ShowsValues);
    }
}
