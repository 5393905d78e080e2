using MeshStudio.Application.Products;

namespace MeshStudio.Web.Tests.Api;

public class CsvWriterTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    public void Field_TextThatASpreadsheetWouldRun_GetsALeadingQuote(string text, string expected)
    {
        Assert.Equal(expected, CsvWriter.Field(text));
    }

    [Theory]
    [InlineData("-3.5")]
    [InlineData("+7")]
    [InlineData("-1e3")]
    [InlineData("plain text")]
    public void Field_NumbersWrittenAsTextAndPlainText_StayAsTheyAre(string text)
    {
        Assert.Equal(text, CsvWriter.Field(text));
    }

    [Fact]
    public void Field_Numbers_StayNumbers()
    {
        Assert.Equal("-3.5", CsvWriter.Field(-3.5));
        Assert.Equal("-42", CsvWriter.Field(-42L));
    }
}
