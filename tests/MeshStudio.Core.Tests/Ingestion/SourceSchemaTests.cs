using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Tests.Ingestion;

public class SourceSchemaTests
{
    [Fact]
    public void Reconcile_PerColumnWidening_WidensOnlyWhatIsAllowed()
    {
        ColumnSchema[] source = [new("declared", "BIGINT"), new("added", "BIGINT"), new("file", "INTEGER"), new("doc", "JSON")];
        ColumnSchema[] data = [new("declared", "DOUBLE"), new("added", "VARCHAR"), new("file", "VARCHAR"), new("doc", "BIGINT"), new("fresh", "JSON")];

        var result = SourceSchema.Reconcile(source, data, c => c.Name switch
        {
            "declared" => Widening.None,
            "file" => Widening.NumbersAndDates,
            _ => Widening.Any,
        });

        Assert.Equal(["BIGINT", "VARCHAR", "INTEGER", "JSON", "JSON"], result.Columns.Select(c => c.Type));
        Assert.Equal([new SchemaChange("added", "BIGINT", "VARCHAR"), new SchemaChange("fresh", null, "JSON")], result.Changes);
    }

    [Fact]
    public void Reconcile_ExactWideNumbers_KeepTheirTypeInsteadOfBecomingDouble()
    {
        ColumnSchema[] source = [new("declared", "DECIMAL(18,2)")];
        ColumnSchema[] data = [new("declared", "DOUBLE"), new("fresh", "DECIMAL(38,0)"), new("huge", "HUGEINT")];

        var result = SourceSchema.Reconcile(source, inferred: true, data);

        Assert.Equal(["DECIMAL(18,2)", "DECIMAL(38,0)", "HUGEINT"], result.Columns.Select(c => c.Type));
    }

    [Theory]
    [InlineData("BIGINT", "DECIMAL(38,0)", "DOUBLE")]
    [InlineData("JSON", "JSON", "JSON")]
    [InlineData("JSON", "BIGINT", "VARCHAR")]
    [InlineData("BIGINT", "DOUBLE", "DOUBLE")]
    [InlineData("TIMESTAMP", "VARCHAR", "VARCHAR")]
    public void Join_TreatsJsonAsItsOwnType(string a, string b, string expected) => Assert.Equal(expected, SourceSchema.Join(a, b));
}
