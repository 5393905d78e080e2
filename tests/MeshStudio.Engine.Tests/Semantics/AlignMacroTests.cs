using System.Globalization;
using MeshStudio.Core.Execution;
using MeshStudio.Core.Products;
using MeshStudio.Core.Semantics;
using MeshStudio.Engine.Products;
using MeshStudio.Engine.Query;
using MeshStudio.Engine.Sandbox;

namespace MeshStudio.Engine.Tests.Semantics;

public sealed class AlignMacroTests(LakeFixture lake) : IClassFixture<LakeFixture>
{
    private static readonly SemanticType Country = new("country", "ISO country codes.",
    [
        new SemanticValue("US", ["U.S.", "USA", "United States"]),
        new SemanticValue("NL", ["Netherlands", "Holland"]),
        new SemanticValue("DE", ["Germany"]),
    ]);

    private static readonly IReadOnlyList<SemanticMapping> Mappings = SemanticMatcher.Mappings(Country).ToList();

    private SessionGrant Grant => lake.SalesGrant with { Semantics = Mappings };

    private object? Scalar(string sql)
    {
        using var session = SandboxSession.Open(lake.Layout, new QueryLimits(), Grant);
        using var command = session.CreateCommand(sql);
        return command.ExecuteScalar();
    }

    [Theory]
    [InlineData("U.S.A.", "US")]
    [InlineData("united  states", "US")]
    [InlineData(" holland ", "NL")]
    [InlineData("us", "US")]
    public void Align_Synonym_ReturnsCanonical(string raw, string expected) =>
        Assert.Equal(expected, Scalar($"SELECT align('{raw}', 'country')"));

    [Fact]
    public void Align_UnknownValue_PassesThrough() =>
        Assert.Equal("Atlantis", Scalar("SELECT align('Atlantis', 'country')"));

    [Fact]
    public void Align_UnknownType_PassesThrough() =>
        Assert.Equal("U.S.A.", Scalar("SELECT align('U.S.A.', 'currency')"));

    [Fact]
    public void Align_WithoutMappings_StillBindsAndPassesThrough()
    {
        using var session = SandboxSession.Open(lake.Layout, new QueryLimits(), lake.SalesGrant);
        using var command = session.CreateCommand("SELECT align('USA', 'country')");
        Assert.Equal("USA", command.ExecuteScalar());
    }

    [Fact]
    public void Align_Null_StaysNull() =>
        Assert.Equal(DBNull.Value, Scalar("SELECT align(NULL, 'country')"));

    [Fact]
    public async Task Align_InGroupByOverView_GroupsSynonymsTogether()
    {
        var engine = new DuckDbQueryEngine(lake.Options);
        var rows = await QueryRunner.RowsAsync(engine, Grant, """
            SELECT align(c, 'country') AS country, count(*) AS n
            FROM (SELECT country AS c FROM sales.orders UNION ALL SELECT * FROM (VALUES ('Holland'), ('Germany'), ('U.S.A.')) t(c))
            GROUP BY ALL
            ORDER BY country
            """);

        Assert.Equal([("DE", 2L), ("NL", 3L), ("US", 1L)], rows.Select(r => ((string)r[0]!, Convert.ToInt64(r[1], CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Align_InQueryEngine_MappingTableIsReadableButNotWritable()
    {
        var engine = new DuckDbQueryEngine(lake.Options);
        var rows = await QueryRunner.RowsAsync(engine, Grant, "SELECT canonical FROM mesh_internal.semantic_values WHERE key = 'HOLLAND'");
        Assert.Equal("NL", Assert.Single(rows)[0]);
        await Assert.ThrowsAsync<SqlException>(() =>
            QueryRunner.RowsAsync(engine, Grant, "INSERT INTO mesh_internal.semantic_values VALUES ('country', 'ATLANTIS', 'US')"));
    }

    [Fact]
    public async Task WriteSnapshotAsync_SelectWithAlign_WritesCanonicalValues()
    {
        var writer = new DuckDbProductWriter(lake.Options);
        var product = new QualifiedName("sales", "aligned_countries");

        var result = await writer.WriteSnapshotAsync(ReplaceRequest.Of(Grant, """
            SELECT align(c, 'country') AS country, count(*) AS n
            FROM (VALUES ('USA'), ('U.S.'), ('Holland'), ('Atlantis')) t(c)
            GROUP BY ALL
            """, ["country"], product), CancellationToken.None);

        var file = Path.Combine(lake.PathOf(result.Location), "data.parquet").Replace('\\', '/');
        Assert.Equal("Atlantis,NL,US", LakeFixture.ScalarUnsandboxed($"SELECT string_agg(country, ',' ORDER BY country) FROM read_parquet('{file}')"));
        Assert.Equal(2L, Convert.ToInt64(LakeFixture.ScalarUnsandboxed($"SELECT n FROM read_parquet('{file}') WHERE country = 'US'"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task UnmatchedValuesQuery_OverSource_ListsOnlyValuesTheTypeDoesNotKnow()
    {
        var withAtlantis = Country with { Values = [new SemanticValue("DE", [])] };
        var grant = lake.SalesGrant with { Semantics = SemanticMatcher.Mappings(withAtlantis).ToList() };
        var engine = new DuckDbQueryEngine(lake.Options);

        var rows = await QueryRunner.RowsAsync(engine, grant, UnmatchedValuesQuery.Sql(LakeFixture.Orders, "country", "country", 10));

        var row = Assert.Single(rows);
        Assert.Equal("NL", row[0]);
        Assert.Equal(2L, Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
    }
}
