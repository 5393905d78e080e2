using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Contracts;
using MeshStudio.Core.Products.Versions;

namespace MeshStudio.Core.Tests.Products.Versions;

public class VersionClassifierTests
{
    private static readonly ColumnSchema[] Before = [new("customer_id", "VARCHAR"), new("total", "DOUBLE")];
    private static readonly SemanticVersion Current = new(1, 2, 0);

    private static VersionClassification Classify(ColumnSchema[] after, string[]? key = null, ContractDifference[]? contract = null, string? claimed = null) =>
        VersionClassifier.Classify(Current, SchemaComparer.Compare(Before, ["customer_id"], after, key ?? ["customer_id"]), contract ?? [], claimed);

    [Fact]
    public void Classify_SameColumnsAndKey_KeepsTheVersion()
    {
        var result = Classify([new("customer_id", "varchar"), new("total", "DOUBLE")]);

        Assert.Equal((VersionBump.None, Current), (result.Bump, result.To));
        Assert.Empty(result.Differences);
    }

    [Fact]
    public void Classify_AddedNullableColumn_IsTheNextMinor()
    {
        var result = Classify([.. Before, new("orders", "BIGINT")]);

        Assert.Equal((VersionBump.Minor, new SemanticVersion(1, 3, 0)), (result.Bump, result.To));
        var added = Assert.Single(result.Differences);
        Assert.Equal(("orders", "added", false), (added.Column, added.Kind, added.Breaking));
    }

    [Fact]
    public void Classify_DroppedColumn_IsTheNextMajor()
    {
        var result = Classify([new("customer_id", "VARCHAR"), new("orders", "BIGINT")]);

        Assert.Equal((VersionBump.Major, new SemanticVersion(2, 0, 0)), (result.Bump, result.To));
        Assert.Equal(["dropped:total", "added:orders"], result.Differences.Select(d => $"{d.Kind}:{d.Column}"));
    }

    [Fact]
    public void Classify_RetypedColumn_IsTheNextMajor()
    {
        var result = Classify([new("customer_id", "VARCHAR"), new("total", "DECIMAL(18,2)")]);

        Assert.Equal(VersionBump.Major, result.Bump);
        Assert.Equal("Column total changes from DOUBLE to DECIMAL(18,2).", Assert.Single(result.Differences).Message);
    }

    [Fact]
    public void Classify_ChangedKey_IsTheNextMajor()
    {
        var result = Classify(Before, key: ["customer_id", "total"]);

        Assert.Equal(VersionBump.Major, result.Bump);
        Assert.Equal("key", Assert.Single(result.Differences).Kind);
    }

    [Fact]
    public void Classify_ContractClaimsAMinorButTheOutputBreaksIt_IsTheNextMajorAndSaysSo()
    {
        // Same columns as committed, but the contract promises total never null and the job no longer keeps that.
        var breach = new ContractDifference("total", "nullable", "Column total is required (never null) but the job may write nulls.");

        var result = Classify(Before, contract: [breach], claimed: "1.3.0");

        Assert.Equal((VersionBump.Major, new SemanticVersion(2, 0, 0)), (result.Bump, result.To));
        Assert.Equal(new SemanticVersion(1, 3, 0), result.OverruledClaim);
        Assert.Equal(("contract", true), (Assert.Single(result.Differences).Kind, result.Differences[0].Breaking));
    }

    [Fact]
    public void Classify_ContractBreachOfADroppedColumn_IsListedOnce()
    {
        var missing = new ContractDifference("total", "missing", "Column total is in the contract but the job does not write it.");

        var result = Classify([new("customer_id", "VARCHAR")], contract: [missing]);

        Assert.Equal("dropped", Assert.Single(result.Differences).Kind);
    }

    [Theory]
    [InlineData(1, "sales.revenue")]
    [InlineData(2, "sales.revenue_v2")]
    [InlineData(12, "sales.revenue_v12")]
    public void ForMajor_MajorNumber_NamesTheProductWrittenForIt(int major, string expected) =>
        Assert.Equal(expected, VersionNames.ForMajor(new QualifiedName("sales", "revenue"), major).ToString());

    [Theory]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData("v2.0.0", "2.0.0")]
    [InlineData("1.2", null)]
    [InlineData("one", null)]
    public void TryParse_ContractVersionText_ReadsOnlySemanticVersions(string text, string? expected) =>
        Assert.Equal(expected, SemanticVersion.TryParse(text)?.ToString());
}
