using MeshStudio.Core.Governance;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Tests.Governance;

public class ReviewChecksTests
{
    private static ProductFacts Facts(params ColumnSchema[] columns) =>
        new(new QualifiedName("sales", "p"), "ana", "Revenue per country, refreshed every minute.", columns, HasData: true);

    [Fact]
    public void Evaluate_CompleteProduct_CanBeApproved()
    {
        var checks = ReviewChecks.Evaluate(Facts(new ColumnSchema("country", "VARCHAR")));

        Assert.All(checks, c => Assert.True(c.Passed, c.Message));
        Assert.True(ReviewChecks.CanApprove(checks));
    }

    [Fact]
    public void Evaluate_UnmaskedEmail_BlocksApprovalAndNamesTheColumn()
    {
        var checks = ReviewChecks.Evaluate(Facts(new ColumnSchema("email", "VARCHAR", Pii: PiiKind.Email)));

        var pii = Assert.Single(checks, c => !c.Passed);
        Assert.Equal("pii-masked", pii.Check);
        Assert.Contains("email (Email)", pii.Message, StringComparison.Ordinal);
        Assert.False(ReviewChecks.CanApprove(checks));
    }

    [Fact]
    public void Evaluate_MissingOwnerAndShortDescription_AreReported()
    {
        var checks = ReviewChecks.Evaluate(new ProductFacts(new QualifiedName("sales", "p"), null, "tbd", [], HasData: false));

        Assert.Equal(["owner-present", "description-present", "has-data"], checks.Where(c => !c.Passed).Select(c => c.Check));
    }
}
