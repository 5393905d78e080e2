using MeshStudio.Core.Ingestion;

namespace MeshStudio.Core.Tests.Ingestion;

public class NumberTextTests
{
    [Theory]
    [InlineData("9007199254740993", "9007199254740993")]
    [InlineData("-123456789012345678901234567.89", "-123456789012345678901234567.89")]
    [InlineData("1.5e3", "1.5e3")]
    [InlineData("+5", "5")]
    [InlineData(" .5", "0.5")]
    public void AsJsonNumber_Number_KeepsEveryDigitAsAJsonNumber(string text, string expected) =>
        Assert.Equal(expected, NumberText.AsJsonNumber(text));

    [Theory]
    [InlineData("much")]
    [InlineData("1e400")]
    [InlineData("NaN")]
    [InlineData("")]
    public void AsJsonNumber_NotAFiniteNumber_IsNull(string text) => Assert.Null(NumberText.AsJsonNumber(text));
}
