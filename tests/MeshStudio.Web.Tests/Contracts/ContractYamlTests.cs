using System.Text.Json;
using MeshStudio.Application.Products.Contracts;
using MeshStudio.Core.Dialect;
using MeshStudio.Core.Products;
using MeshStudio.Core.Products.Contracts;

namespace MeshStudio.Web.Tests.Contracts;

public class ContractYamlTests
{
    private static string HandWritten() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "shipments.odcs.yaml"));

    private static DataContract Generated() => ContractGenerator.Generate(new ProductFacts(
        new QualifiedName("sales", "revenue"), "Revenue per day", "Revenue per day and **region**.\nRecomputed every 5 minutes.",
        ["finance"], ProductStatus.Published, "sales.owner", "Sam Owner",
        [new ColumnSchema("day", "DATE", "Order day"), new ColumnSchema("region", "VARCHAR"), new ColumnSchema("revenue", "DECIMAL(18,2)", "Sum of amounts"),
         new ColumnSchema("email", "VARCHAR", null, PiiKind.Email)],
        ["day", "region"],
        [new Expectation("region_present", "region IS NOT NULL", 0, ExpectationAction.Drop), new Expectation("positive", "amount > 0", 0, ExpectationAction.Warn)],
        TimeSpan.FromMinutes(5)));

    [Fact]
    public void Read_HandWrittenOdcsExample_ReadsTheNamedFields()
    {
        var contract = ContractYamlReader.Read(HandWritten());

        Assert.Equal(("v3.1.0", "0b7c3e52-41d9-4e55-9a2f-6f1d2c9a8e10", "2.1.0", "active"), (contract.ApiVersion, contract.Id, contract.Version, contract.Status));
        Assert.Equal("One row per shipment leaving a warehouse.\nUsed to plan carrier capacity.\n", contract.Description!.Purpose);
        Assert.Equal("Internal planning only; do not share outside the company.", contract.Description.Usage);
        var shipments = contract.ObjectFor("shipments")!;
        Assert.Equal(["shipment_id"], shipments.PrimaryKey);
        Assert.Equal(["shipment_id", "weight_kg", "shipped_at"], shipments.Properties.Select(p => p.Name));
        Assert.True(shipments.Properties[0].Required);
        Assert.Equal("DECIMAL(10,2)", shipments.Properties[1].PhysicalType);
        Assert.Equal("0", shipments.Properties[1].Quality[0].MustBe);
        Assert.Equal("SELECT COUNT(*) FROM shipments WHERE weight_kg > 40000", shipments.Quality[0].Query);
        var latency = contract.SlaProperties.Single(s => s.Property == ContractSla.Latency);
        Assert.Equal(("4", "h"), (latency.Value.Text, latency.Unit));
        Assert.True(contract.Team!.WrittenAsList);
        Assert.Equal(("logistics.owner", "owner"), (contract.Team.Members[0].Username, contract.Team.Members[0].Role));
        Assert.Equal(["#logistics-data", "logistics-data"], contract.Support.Select(s => s.Channel));
        Assert.Equal(["tenant", "servers", "price", "roles", "slaDefaultElement", "customProperties", "contractCreatedTs"],
            contract.Extras.Select(e => e.Name));
    }

    [Fact]
    public void WriteThenRead_HandWrittenExample_KeepsEveryValueWithItsType()
    {
        var written = ContractYamlWriter.Write(ContractYamlReader.Read(HandWritten()));

        Assert.Equal(written, ContractYamlWriter.Write(ContractYamlReader.Read(written)));
        using var original = JsonDocument.Parse(ContractJsonWriter.Write(ContractYamlReader.Read(HandWritten())));
        var root = original.RootElement;
        Assert.Equal(9.95, root.GetProperty("price").GetProperty("priceAmount").GetDouble());
        Assert.Equal("2024-01-15", root.GetProperty("team")[0].GetProperty("dateIn").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("team")[1].GetProperty("replacedByUsername").ValueKind);
        Assert.Equal(4200, root.GetProperty("customProperties")[1].GetProperty("value")[1].GetInt32());
        Assert.Equal("SH-000123", root.GetProperty("schema")[0].GetProperty("properties")[0].GetProperty("examples")[0].GetString());
        Assert.Equal(JsonValueKind.Null,
            root.GetProperty("schema")[0].GetProperty("properties")[1].GetProperty("quality")[0].GetProperty("customProperties")[0].GetProperty("value").ValueKind);
        Assert.Contains("dateIn: \"2024-01-15\"", written, StringComparison.Ordinal);
        Assert.Contains("dateIn: 2024-03-01", written, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteReadWrite_GeneratedContract_IsExactlyTheSameText()
    {
        var yaml = ContractYamlWriter.Write(Generated());

        var again = ContractYamlWriter.Write(ContractYamlReader.Read(yaml));

        Assert.Equal(yaml, again);
        Assert.Contains("""
                  - name: revenue
                    logicalType: number
                    physicalType: DECIMAL(18,2)
                    description: Sum of amounts
            """.ReplaceLineEndings("\n"), yaml, StringComparison.Ordinal);
        Assert.Contains("""
              purpose: |-
                Revenue per day and **region**.
                Recomputed every 5 minutes.
            """.ReplaceLineEndings("\n"), yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteJsonThenRead_GeneratedContract_GivesTheSameContract()
    {
        var json = ContractJsonWriter.Write(Generated());

        Assert.Equal(ContractYamlWriter.Write(Generated()), ContractYamlWriter.Write(ContractYamlReader.Read(json)));
    }

    [Fact]
    public void Read_BrokenYaml_ReportsLineAndColumn()
    {
        var error = Assert.Throws<ContractFormatException>(() => ContractYamlReader.Read(
            "apiVersion: v3.1.0\nkind: DataContract\nid: x\nschema:\n  - name: a\n    properties: [ { name: b\n"));

        Assert.Equal(7, error.Line);
        Assert.StartsWith("Line 7, column ", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Path);
    }

    [Fact]
    public void Read_FieldOfTheWrongType_NamesTheFieldAndItsPosition()
    {
        var error = Assert.Throws<ContractFormatException>(() => ContractYamlReader.Read(
            "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\nschema:\n  - name: a\n    properties:\n      - name: b\n        required: yes\n"));

        Assert.Equal("Line 10, column 19 (schema[0].properties[0].required): expected true or false, found 'yes'.", error.Message);
    }

    [Theory]
    [InlineData("apiVersion: v2.2.0\nkind: DataContract\nid: x\nversion: 1\nstatus: draft\n", "Line 1, column 13 (apiVersion): this is ODCS v2.2.0; only ODCS v3 contracts (v3.x.y) are read.")]
    [InlineData("apiVersion: v3.0.2\nkind: DataContract\nversion: 1.0.0\nstatus: draft\n", "Line 1, column 1 (id): the field id is required.")]
    [InlineData("- just\n- a list\n", "Line 1, column 1: expected a mapping of contract fields (apiVersion, kind, id, …).")]
    [InlineData("", "Line 1, column 1: the contract is empty.")]
    public void Read_NotAContract_SaysWhatIsMissing(string yaml, string message)
    {
        Assert.Equal(message, Assert.Throws<ContractFormatException>(() => ContractYamlReader.Read(yaml)).Message);
    }
}
