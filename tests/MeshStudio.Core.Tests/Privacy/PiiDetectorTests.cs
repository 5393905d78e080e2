using MeshStudio.Core.Privacy;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Tests.Privacy;

public class PiiDetectorTests
{
    [Theory]
    [InlineData("email", PiiKind.Email)]
    [InlineData("customer_email", PiiKind.Email)]
    [InlineData("phone_number", PiiKind.Phone)]
    [InlineData("first_name", PiiKind.Name)]
    [InlineData("street_address", PiiKind.Address)]
    [InlineData("card_number", PiiKind.CardNumber)]
    [InlineData("date_of_birth", PiiKind.BirthDate)]
    public void Detect_PersonalColumnName_IsFlagged(string column, PiiKind expected) =>
        Assert.Equal(expected, PiiDetector.Detect(column, []));

    [Theory]
    [InlineData("country")]
    [InlineData("amount")]
    [InlineData("product_name")]
    [InlineData("order_id")]
    [InlineData("emailed_at_count")]
    public void Detect_OrdinaryColumnName_IsNotFlagged(string column) =>
        Assert.Null(PiiDetector.Detect(column, []));

    [Fact]
    public void Detect_EmailValuesUnderNeutralName_IsFlaggedByValue() =>
        Assert.Equal(PiiKind.Email, PiiDetector.Detect("contact", ["ana@example.com", "bo@shop.io", "cy@mail.org"]));

    [Fact]
    public void Detect_CardNumbersPassingLuhn_AreFlagged() =>
        Assert.Equal(PiiKind.CardNumber, PiiDetector.Detect("ref", ["4111 1111 1111 1111", "5500 0000 0000 0004"]));

    [Fact]
    public void Detect_HashedValuesOfEmailColumn_AreNotFlagged() =>
        Assert.Null(PiiDetector.Detect("email", [new string('a', 64), "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"]));

    [Fact]
    public void Classify_MarksOnlyPersonalColumns()
    {
        var columns = PiiDetector.Classify(
            [new ColumnSchema("email", "VARCHAR"), new ColumnSchema("amount", "DOUBLE")],
            new Dictionary<string, IReadOnlyCollection<string>> { ["email"] = ["x@y.com"], ["amount"] = ["1.5"] });

        Assert.Equal([PiiKind.Email, null], columns.Select(c => c.Pii));
    }
}
