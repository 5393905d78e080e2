using MeshStudio.Core.Products;
using MeshStudio.Core.Semantics;

namespace MeshStudio.Core.Tests.Semantics;

public sealed class UnmatchedValuesQueryTests
{
    [Fact]
    public void Sql_Identifiers_QuotesThemAndFiltersOnTheType()
    {
        var sql = UnmatchedValuesQuery.Sql(new QualifiedName("sales", "orders"), "country", "country", 50);

        Assert.Contains("FROM \"sales\".\"orders\"", sql, StringComparison.Ordinal);
        Assert.Contains("s.type = 'country'", sql, StringComparison.Ordinal);
        Assert.EndsWith("LIMIT 50", sql.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_ColumnThatIsNoIdentifier_Throws() =>
        Assert.Throws<ArgumentException>(() => UnmatchedValuesQuery.Sql(new QualifiedName("sales", "orders"), "x\"; DROP", "country", 5));
}
