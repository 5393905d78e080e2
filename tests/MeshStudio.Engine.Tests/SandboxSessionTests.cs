using System.Globalization;
using DuckDB.NET.Data;
using MeshStudio.Core.Execution;
using MeshStudio.Engine.Sandbox;

namespace MeshStudio.Engine.Tests;

public sealed class SandboxSessionTests(LakeFixture lake) : IClassFixture<LakeFixture>
{
    private SandboxSession Open(string? writable = null) => SandboxSession.Open(lake.Layout, new QueryLimits(), lake.SalesGrant, writable);

    private static object? Scalar(SandboxSession session, string sql)
    {
        using var command = session.CreateCommand(sql);
        return command.ExecuteScalar();
    }

    private static DuckDBException Refused(SandboxSession session, string sql) =>
        Assert.Throws<DuckDBException>(() => session.Execute(sql));

    [Fact]
    public void Query_GrantedIngestedSource_ReadsSegmentsWithDeclaredTypes()
    {
        using var session = Open();
        Assert.Equal(3L, Convert.ToInt64(Scalar(session, "SELECT count(*) FROM sales.orders"), CultureInfo.InvariantCulture));
        Assert.Equal("TIMESTAMP", Scalar(session, "SELECT typeof(ts) FROM sales.orders LIMIT 1"));
        Assert.Equal(new DateTime(2026, 3, 1, 0, 0, 0, 668), Scalar(session, "SELECT ts FROM sales.orders WHERE order_id = 'o1'"));
    }

    [Fact]
    public void Query_GrantedProduct_ReadsSnapshotParquet()
    {
        using var session = Open();
        Assert.Equal(35.75, Convert.ToDouble(Scalar(session, "SELECT sum(revenue) FROM sales.revenue"), CultureInfo.InvariantCulture), 6);
    }

    [Fact]
    public void Query_ReadCsvOfEtcPasswd_IsRefused()
    {
        using var session = Open();
        var ex = Refused(session, "SELECT * FROM read_csv('/etc/passwd')");
        Assert.Contains("Permission Error", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_OtherDomainsProductFilesByPath_IsRefused()
    {
        using var session = Open();
        var file = Path.Combine(lake.PathOf(lake.CampaignsLocation), "data.parquet").Replace('\\', '/');
        Assert.True(File.Exists(file));
        var ex = Refused(session, $"SELECT * FROM read_parquet('{file}')");
        Assert.Contains("Permission Error", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_DotDotEscapeFromGrantedFolder_IsRefused()
    {
        using var session = Open();
        var escape = lake.PathOf(lake.RevenueLocation).Replace('\\', '/').TrimEnd('/') + "/../../../../marketing/products/campaigns/*/data.parquet";
        var ex = Refused(session, $"SELECT * FROM read_parquet('{escape}')");
        Assert.Contains("Permission Error", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_SiblingFolderSharingAPrefix_IsRefused()
    {
        var sibling = lake.PathOf(lake.RevenueLocation.TrimEnd('/') + "2/");
        Directory.CreateDirectory(sibling);
        var file = Path.Combine(sibling, "data.parquet").Replace('\\', '/');
        LakeFixture.ExecuteUnsandboxed($"COPY (SELECT 1 AS x) TO '{file}' (FORMAT parquet)");
        using var session = Open();
        var ex = Refused(session, $"SELECT * FROM read_parquet('{file}')");
        Assert.Contains("Permission Error", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Copy_ToTmp_IsRefused()
    {
        using var session = Open();
        Refused(session, "COPY (SELECT 1) TO '/tmp/x.csv'");
        Assert.False(File.Exists("/tmp/x.csv") && File.GetLastWriteTimeUtc("/tmp/x.csv") > DateTime.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public void Copy_IntoLakeOutsideWriteFolder_IsRefused()
    {
        var writable = lake.PathOf("sales/products/revenue/snap-writable/");
        Directory.CreateDirectory(writable);
        using var session = Open(writable);
        var target = lake.PathOf("sales/products/revenue/snap-other/data.parquet").Replace('\\', '/');
        Refused(session, $"COPY (SELECT 1 AS x) TO '{target}' (FORMAT parquet)");
        Assert.False(File.Exists(target));

        var allowed = Path.Combine(writable, "data.parquet").Replace('\\', '/');
        session.Execute($"COPY (SELECT 1 AS x) TO '{allowed}' (FORMAT parquet)");
        Assert.True(File.Exists(allowed));
    }

    [Fact]
    public void Attach_Database_IsRefused()
    {
        using var session = Open();
        Refused(session, "ATTACH '/tmp/x.db'");
    }

    [Theory]
    [InlineData("INSTALL httpfs")]
    [InlineData("LOAD httpfs")]
    [InlineData("SET enable_external_access=true")]
    [InlineData("SET allowed_directories=['/']")]
    [InlineData("SET threads=8")]
    [InlineData("SET memory_limit='100GB'")]
    [InlineData("PRAGMA threads=8")]
    [InlineData("RESET lock_configuration")]
    public void Statement_ExtensionOrConfigurationChangeAfterLock_IsRefused(string sql)
    {
        using var session = Open();
        Refused(session, sql);
    }

    [Fact]
    public void Glob_OutsideGrantedFolders_IsRefused()
    {
        using var session = Open();
        Refused(session, "SELECT * FROM glob('/tmp/*')");
    }

    [Fact]
    public void Open_Settings_AreLimitedAndLocked()
    {
        using var session = SandboxSession.Open(lake.Layout, new QueryLimits { MemoryLimitMb = 256, Threads = 2 }, lake.SalesGrant);
        Assert.Equal("true", Scalar(session, "SELECT current_setting('lock_configuration')::VARCHAR"));
        Assert.Equal("false", Scalar(session, "SELECT current_setting('enable_external_access')::VARCHAR"));
        Assert.Equal(2L, Convert.ToInt64(Scalar(session, "SELECT current_setting('threads')"), CultureInfo.InvariantCulture));
        Assert.Contains("MiB", (string?)Scalar(session, "SELECT current_setting('memory_limit')"), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SourceWithoutSegments_IsEmptyTypedView()
    {
        var grant = new SessionGrant([new ReadableRelation(new("sales", "returns"), RelationKind.IngestedSource, LakeFixture.OrderColumns)]);
        using var session = SandboxSession.Open(lake.Layout, new QueryLimits(), grant);
        Assert.Equal(0L, Convert.ToInt64(Scalar(session, "SELECT count(*) FROM sales.returns"), CultureInfo.InvariantCulture));
        Assert.Equal("TIMESTAMP", Scalar(session, "SELECT typeof(ts) FROM (SELECT ts FROM sales.returns UNION ALL SELECT NULL) LIMIT 1"));
    }

    [Fact]
    public void Open_ProductWithoutSnapshot_IsEmptyViewFromColumns()
    {
        var grant = new SessionGrant([new ReadableRelation(new("sales", "margins"), RelationKind.Product, [new("country", "VARCHAR"), new("margin", "DECIMAL(10,2)")])]);
        using var session = SandboxSession.Open(lake.Layout, new QueryLimits(), grant);
        Assert.Equal(0L, Convert.ToInt64(Scalar(session, "SELECT count(*) FROM sales.margins"), CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("../marketing/products/campaigns/snap-1/")]
    [InlineData("sales/products/revenue/../../../marketing/")]
    [InlineData("/etc/")]
    public void Open_ProductLocationEscapingTheLake_IsRejected(string location)
    {
        var grant = new SessionGrant([new ReadableRelation(LakeFixture.Revenue, RelationKind.Product, Location: location)]);
        Assert.Throws<ArgumentException>(() => SandboxSession.Open(lake.Layout, new QueryLimits(), grant));
    }

    [Fact]
    public void Open_ProductLocationOfAnotherProduct_IsRejected()
    {
        var grant = new SessionGrant([new ReadableRelation(LakeFixture.Revenue, RelationKind.Product, Location: lake.CampaignsLocation)]);
        Assert.Throws<ArgumentException>(() => SandboxSession.Open(lake.Layout, new QueryLimits(), grant));
    }

    [Fact]
    public void Dispose_DeletesTempFolderAndClosesConnection()
    {
        var session = Open();
        var temp = session.TempDirectory;
        Assert.True(Directory.Exists(temp));
        session.Dispose();
        Assert.False(Directory.Exists(temp));
        Assert.Throws<ObjectDisposedException>(() => session.Connection);
    }
}
