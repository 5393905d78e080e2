using MeshStudio.Application.Execution;
using MeshStudio.Core.Products;

namespace MeshStudio.Web.Tests.Execution;

/// <summary>The query that binds an expectation to an input quotes the relation like every other generated query.</summary>
public class ExpectationBinderTests
{
    [Fact]
    public void BindSql_NameWithQuote_IsEscaped() =>
        Assert.Equal("DESCRIBE SELECT count(*) FROM \"sales\".\"odd\"\"name\" WHERE NOT (\namount >= 0\n)",
            ExpectationBinder.BindSql(new QualifiedName("sales", "odd\"name"), "amount >= 0"));
}
