using MeshStudio.Core.Execution;
using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;
using MeshStudio.Core.Sql;
using MeshStudio.Engine.Sql;
using Microsoft.Extensions.DependencyInjection;

namespace MeshStudio.Engine.Tests;

public sealed class LakeLayoutTests
{
    private readonly LakeLayout _layout = new(new LakeOptions("/lake"));

    [Fact]
    public void Paths_FollowTheLayout()
    {
        Assert.Equal("/lake/sales/sources/orders", _layout.SourceDirectory(new QualifiedName("sales", "orders")));
        Assert.Equal("/lake/sales/inbox", _layout.InboxDirectory("sales"));
        Assert.Equal("/lake/sales/products/revenue", _layout.ProductDirectory(new QualifiedName("sales", "revenue")));
        Assert.Matches(@"^sales/products/revenue/snap-20260301101112123-[0-9a-f]{8}/$",
            LakeLayout.NewSnapshotLocation(new QualifiedName("sales", "revenue"), new DateTime(2026, 3, 1, 10, 11, 12, 123, DateTimeKind.Utc)));
        Assert.Equal("/lake/sales/products/revenue/snap-1", _layout.ResolveLocation("sales/products/revenue/snap-1/"));
    }

    [Theory]
    [InlineData("Sales")]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("")]
    public void SourceDirectory_InvalidName_Throws(string domain) =>
        Assert.Throws<ArgumentException>(() => _layout.SourceDirectory(new QualifiedName(domain, "orders")));

    [Theory]
    [InlineData("../etc/")]
    [InlineData("sales/../../etc")]
    [InlineData("/etc/passwd")]
    [InlineData("sales/./x")]
    public void ResolveLocation_Escape_Throws(string location) =>
        Assert.Throws<ArgumentException>(() => _layout.ResolveLocation(location));

    [Fact]
    public void LakeOptions_RelativeRoot_Throws() =>
        Assert.Throws<ArgumentException>(() => new LakeOptions("relative/lake"));

    [Fact]
    public void SqlText_Quotes_AreDoubled()
    {
        Assert.Equal("\"a\"\"b\"", SqlText.Identifier("a\"b"));
        Assert.Equal("'it''s'", SqlText.Literal("it's"));
    }

    [Fact]
    public void SnapshotFolder_TryParseTime_ReadsTheTimeTheLayoutWrote()
    {
        var taken = new DateTime(2026, 3, 1, 10, 11, 12, 123, DateTimeKind.Utc);
        var location = LakeLayout.NewSnapshotLocation(new QualifiedName("sales", "revenue"), taken);

        Assert.True(SnapshotFolder.TryParseTime(location, out var parsed));
        Assert.Equal(taken, parsed);
        Assert.Equal(DateTimeKind.Utc, parsed.Kind);
        Assert.True(SnapshotFolder.TryParseTime(LakeLayout.QuarantineLocationOf(location), out var quarantined));
        Assert.Equal(taken, quarantined);
    }

    [Theory]
    [InlineData("_quarantine")]
    [InlineData("sales/products/revenue/snap-2026-ab12cd34/")]
    [InlineData(".del-snap-20260301101112123-ab12cd34")]
    public void SnapshotFolder_TryParseTime_OtherFolder_IsFalse(string folder) =>
        Assert.False(SnapshotFolder.TryParseTime(folder, out _));

    [Fact]
    public void AddMeshEngine_RegistersEngineServicesAsSingletons()
    {
        var services = new ServiceCollection();
        services.AddMeshEngine(new LakeOptions(Path.Combine(Path.GetTempPath(), "meshstudio-di-" + Guid.NewGuid().ToString("N"))));

        foreach (var type in new[] { typeof(IQueryEngine), typeof(IProductWriter), typeof(IEventStore), typeof(LakeOptions) })
            Assert.Equal(ServiceLifetime.Singleton, Assert.Single(services, d => d.ServiceType == type).Lifetime);
    }
}
