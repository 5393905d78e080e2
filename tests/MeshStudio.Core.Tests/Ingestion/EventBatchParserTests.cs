using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Tests.Ingestion;

public class EventBatchParserTests
{
    private static readonly ColumnSchema[] Orders =
    [
        new("order_id", "VARCHAR"), new("ts", "TIMESTAMP"), new("amount", "DOUBLE"),
    ];

    [Fact]
    public void Parse_Ndjson_AcceptsEveryLineAndNormalisesTimestamps()
    {
        var batch = EventBatchParser.Parse(
            "{\"order_id\":\"a\",\"ts\":\"2026-03-01T10:00:00.668Z\",\"amount\":3.5}\n\n{\"order_id\":\"b\",\"amount\":\"4\"}\r\n",
            Orders);

        Assert.True(batch.Accepted);
        Assert.Equal(2, batch.Events.Count);
        Assert.Contains("\"ts\":\"2026-03-01 10:00:00.668000\"", batch.Events[0], StringComparison.Ordinal);
        Assert.Contains("\"amount\":4", batch.Events[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JsonArray_AcceptsEachObject()
    {
        var batch = EventBatchParser.Parse("[{\"order_id\":\"a\"},{\"order_id\":\"b\"}]", Orders);

        Assert.Equal(2, batch.Events.Count);
    }

    [Fact]
    public void Parse_MalformedLines_RefusesWholeBatchAndNamesEachLine()
    {
        var batch = EventBatchParser.Parse(
            "{\"order_id\":\"a\"}\n{\"order_id\": \n{\"order_id\":\"c\",\"amount\":\"lots\"}\n[1]", Orders);

        Assert.False(batch.Accepted);
        Assert.Empty(batch.Events);
        Assert.Collection(batch.Errors,
            e => Assert.StartsWith("line 2: malformed JSON", e, StringComparison.Ordinal),
            e => Assert.Equal("line 3: field \"amount\" must be a number (DOUBLE), got \"lots\".", e),
            e => Assert.Equal("line 4: expected a JSON object.", e));
    }

    [Fact]
    public void Parse_BadTimestamp_IsRefusedWithFieldName()
    {
        var batch = EventBatchParser.Parse("{\"ts\":\"yesterday\"}", Orders);

        Assert.Equal("line 1: field \"ts\" must be an ISO-8601 date/time string (TIMESTAMP), got \"yesterday\".", Assert.Single(batch.Errors));
    }

    [Fact]
    public void Parse_OversizedLine_IsRefused()
    {
        var batch = EventBatchParser.Parse("{\"order_id\":\"" + new string('x', EventBatchParser.MaxLineBytes) + "\"}", Orders);

        Assert.Contains("longer than", Assert.Single(batch.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    public void Parse_EmptyBody_IsRefused(string body) =>
        Assert.False(EventBatchParser.Parse(body, Orders).Accepted);

    [Fact]
    public void Parse_TruncatedArray_ReportsPosition()
    {
        var batch = EventBatchParser.Parse("[{\"order_id\":\"a\"},\n{\"order_", Orders);

        Assert.StartsWith("The JSON array is malformed at line 2", Assert.Single(batch.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EventNeedingNoChange_IsStoredExactlyAsSent()
    {
        const string line = "{\"order_id\":\"a\", \"note\":\"café <b>\", \"amount\":2.5}";

        Assert.Equal(line, Assert.Single(EventBatchParser.Parse(line, Orders).Events));
    }

    [Fact]
    public void Parse_RewrittenEvent_KeepsOtherFieldsAndTextIntact()
    {
        var stored = Assert.Single(EventBatchParser.Parse("{\"note\":\"café + ü\",\"ts\":\"2026-03-01T10:00:00+02:00\",\"n\":[1,2]}", Orders).Events);

        Assert.Equal("{\"note\":\"café + ü\",\"ts\":\"2026-03-01 08:00:00.000000\",\"n\":[1,2]}", stored);
    }

    [Fact]
    public void Parse_FieldNamedInOtherCase_IsCheckedAndReportedByItsDeclaredName()
    {
        var batch = EventBatchParser.Parse("{\"AMOUNT\":\"lots\"}", Orders);

        Assert.Equal("line 1: field \"amount\" must be a number (DOUBLE), got \"lots\".", Assert.Single(batch.Errors));
    }

    [Fact]
    public void Parse_NullValues_AreAccepted() =>
        Assert.True(EventBatchParser.Parse("{\"order_id\":null,\"ts\":null,\"amount\":null}", Orders).Accepted);
}
