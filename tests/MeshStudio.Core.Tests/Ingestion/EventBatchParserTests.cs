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

    [Fact]
    public void Parse_WithoutDrift_ReportsNothing()
    {
        var batch = EventBatchParser.Parse("{\"order_id\":\"a\",\"extra\":1}", Orders);

        Assert.True(batch.Accepted);
        Assert.False(batch.ChangesSchema);
    }

    [Fact]
    public void ParseWithDrift_NoColumns_ReportsEveryFieldWithItsKind()
    {
        var batch = EventBatchParser.ParseWithDrift(
            "{\"id\":\"a\",\"ts\":\"2026-03-01T10:00:00Z\",\"n\":3,\"x\":1.5,\"ok\":true,\"o\":{\"k\":1},\"l\":[1],\"z\":null,\"\":1}\n" +
            "{\"id\":\"b\",\"ts\":\"2026-03-01 10:00:01.5\",\"n\":4,\"x\":2,\"ok\":false,\"o\":{},\"l\":[],\"z\":null}",
            [], []);

        Assert.True(batch.Accepted);
        Assert.Equal(2, batch.Events.Count);
        Assert.Equal(
            [new("id", "VARCHAR"), new("ts", "TIMESTAMP"), new("n", "BIGINT"), new("x", "DOUBLE"), new("ok", "BOOLEAN"),
                new("o", "JSON"), new("l", "JSON"), new ColumnSchema("z", "VARCHAR")],
            batch.Drift!);
    }

    [Fact]
    public void ParseWithDrift_JoinsTheKindsOfAFieldAcrossTheBatch()
    {
        var batch = EventBatchParser.ParseWithDrift(
            "{\"n\":1,\"t\":\"2026-03-01\",\"m\":1,\"o\":{}}\n{\"n\":2.5,\"t\":\"later\",\"m\":true,\"o\":\"s\"}\n{\"n\":null}", Orders, []);

        Assert.Equal([new("n", "DOUBLE"), new("t", "VARCHAR"), new("m", "VARCHAR"), new ColumnSchema("o", "VARCHAR")], batch.Drift!);
    }

    [Fact]
    public void ParseWithDrift_KnownFieldsOnly_ReportsNoDrift()
    {
        var batch = EventBatchParser.ParseWithDrift("{\"order_id\":\"a\",\"ts\":null,\"amount\":2}", Orders, []);

        Assert.True(batch.Accepted);
        Assert.False(batch.ChangesSchema);
    }

    [Fact]
    public void ParseWithDrift_WidenableColumn_ReportsTheWiderTypeInsteadOfAnError()
    {
        ColumnSchema[] inferred = [new("n", "BIGINT"), new("ts", "TIMESTAMP"), new("ok", "BOOLEAN"), new("s", "VARCHAR")];

        var batch = EventBatchParser.ParseWithDrift(
            "{\"n\":7,\"ts\":\"2026-03-01T10:00:00+01:00\",\"ok\":true,\"s\":{\"a\":1}}\n{\"n\":1.5,\"ts\":\"soon\",\"ok\":1}",
            inferred, ["n", "TS", "ok", "s"]);

        Assert.True(batch.Accepted);
        Assert.Equal([new("n", "DOUBLE"), new("ts", "VARCHAR"), new ColumnSchema("ok", "VARCHAR")], batch.Drift!);
        Assert.Contains("\"ts\":\"2026-03-01 09:00:00.000000\"", batch.Events[0], StringComparison.Ordinal); // a fitting value is still normalised
        Assert.Contains("\"ts\":\"soon\"", batch.Events[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ParseWithDrift_DeclaredColumn_WrongTypeIsStillALineErrorAndNoDriftIsReported()
    {
        var batch = EventBatchParser.ParseWithDrift("{\"order_id\":\"a\",\"new\":1}\n{\"amount\":\"lots\"}", Orders, []);

        Assert.False(batch.Accepted);
        Assert.Equal(["line 2: field \"amount\" must be a number (DOUBLE), got \"lots\"."], batch.Errors);
        Assert.False(batch.ChangesSchema);
    }
}
