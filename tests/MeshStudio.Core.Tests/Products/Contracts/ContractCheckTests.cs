using MeshStudio.Core.Dialect;
using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Contracts;

namespace MeshStudio.Core.Tests.Products.Contracts;

public class ContractCheckTests
{
    private static readonly DataContract Contract = ContractGenerator.Generate(new ProductFacts(
        new QualifiedName("sales", "revenue"), "Revenue", "", [], ProductStatus.Published, "sales.owner", null,
        [new ColumnSchema("day", "DATE"), new ColumnSchema("region", "VARCHAR"), new ColumnSchema("revenue", "DECIMAL(18,2)")],
        ["day", "region"],
        [new Expectation("region_present", "region IS NOT NULL", 0, ExpectationAction.Drop)],
        null));

    private static readonly IReadOnlySet<string> RegionNotNull = new HashSet<string>(["region"]);

    [Fact]
    public void Compare_SameOutputWithAnAddedColumn_HasNoDifferences()
    {
        var output = new[] { new ColumnSchema("day", "DATE"), new ColumnSchema("region", "VARCHAR"), new ColumnSchema("revenue", "DECIMAL(18,2)"), new ColumnSchema("orders", "BIGINT") };

        Assert.Empty(ContractCheck.Compare(Contract, "revenue", output, ["day", "region"], RegionNotNull));
    }

    [Fact]
    public void Compare_DroppedRetypedAndRekeyed_ListsEachDifference()
    {
        var output = new[] { new ColumnSchema("day", "DATE"), new ColumnSchema("revenue", "DOUBLE") };

        var differences = ContractCheck.Compare(Contract, "revenue", output, ["day"], new HashSet<string>());

        Assert.Equal(["missing region", "type revenue", "key "], differences.Select(d => $"{d.Kind} {d.Column}"));
        Assert.Equal("Column revenue is DECIMAL(18,2) in the contract; the job writes DOUBLE.", differences[1].Message);
        Assert.Equal("The contract's primary key is (day, region); the job's KEY is (day).", differences[2].Message);
    }

    [Fact]
    public void Compare_RequiredColumnWithoutNotNullExpectation_IsNullable()
    {
        var output = new[] { new ColumnSchema("day", "DATE"), new ColumnSchema("region", "VARCHAR"), new ColumnSchema("revenue", "DECIMAL(18,2)") };

        var difference = Assert.Single(ContractCheck.Compare(Contract, "revenue", output, ["day", "region"], new HashSet<string>()));

        Assert.Equal(("region", "nullable"), (difference.Column, difference.Kind));
    }

    [Fact]
    public void Compare_LogicalTypeOnly_AcceptsAnyTypeOfThatKind()
    {
        var contract = Contract with
        {
            Schema = [new ContractSchemaObject { Name = "revenue", Properties = [new ContractProperty { Name = "n", LogicalType = "integer" }] }],
        };

        Assert.Empty(ContractCheck.Compare(contract, "revenue", [new ColumnSchema("n", "BIGINT")], [], new HashSet<string>()));
        Assert.Equal("Column n is integer in the contract; the job writes VARCHAR (string).",
            Assert.Single(ContractCheck.Compare(contract, "revenue", [new ColumnSchema("n", "VARCHAR")], [], new HashSet<string>())).Message);
    }

    [Theory]
    [InlineData("region IS NOT NULL", ExpectationAction.Drop, true)]
    [InlineData("\"region\" is not null", ExpectationAction.Fail, true)]
    [InlineData("(region IS NOT NULL)", ExpectationAction.Drop, true)]
    [InlineData("region IS NOT NULL", ExpectationAction.Warn, false)]
    [InlineData("region IS NOT NULL AND day > '2024-01-01'", ExpectationAction.Drop, false)]
    public void NotNullColumns_Expectation_KeepsNullsOutOnlyWhenDroppingOrFailing(string predicate, ExpectationAction action, bool notNull)
    {
        Assert.Equal(notNull, NotNullExpectations.Columns([new Expectation("e", predicate, 0, action)]).Contains("region"));
    }
}
