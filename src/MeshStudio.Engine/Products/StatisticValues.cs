using System.Numerics;
using Parquet.Data;
using Parquet.Schema;

namespace MeshStudio.Engine.Products;

/// <summary>
/// Footer minimums and maximums as values of the column's type. Parquet.Net hands them out in their physical form:
/// a decimal stored as INT32/INT64 unscaled (12.50 as 1250), a timestamp as a count of micro- (milli-, nano-)
/// seconds, a date as days since 1970, a wide decimal as a BigDecimal, an unsigned integer as its signed bit pattern.
/// Those are converted here (a decimal past <see cref="decimal"/>'s range to a <see cref="WideDecimal"/>); a value of
/// any other unexpected form is dropped, so a footer never shows a number that is not the column's value.
/// </summary>
internal static class StatisticValues
{
    public static DataColumnStatistics? Of(DataField field, DataColumnStatistics? statistics) =>
        statistics is null
            ? null
            : new DataColumnStatistics(statistics.NullCount, statistics.DistinctCount, Value(field, statistics.MinValue), Value(field, statistics.MaxValue));

    private static object? Value(DataField field, object? value) => (field, value) switch
    {
        (_, null) => null,
        (_, string text) => text, // only text columns decode to strings (their CLR type may be ReadOnlyMemory<char>)
        (DecimalDataField d, int i) => Shift(i, d.Scale),
        (DecimalDataField d, long l) => Shift(l, d.Scale),
        (DecimalDataField, BigDecimal wide) => Shift(wide.UnscaledValue, wide.Scale),
        _ when field.ClrType == typeof(ulong) && value is long bits => unchecked((ulong)bits),
        _ when field.ClrType == typeof(uint) && value is int bits => unchecked((uint)bits),
        (DateTimeDataField, int days) => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + days),
        (DateTimeDataField dt, long count) => Timestamp(dt, count),
        (_, double x) when !double.IsFinite(x) => null, // NaN and infinities have no JSON number
        (_, float x) when !float.IsFinite(x) => null,
        _ when value.GetType() == (Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType) => value,
        _ => null,
    };

    private static DateTime? Timestamp(DateTimeDataField field, long count)
    {
        long? ticks = field.Unit switch
        {
            DateTimeTimeUnit.Millis => count * TimeSpan.TicksPerMillisecond,
            DateTimeTimeUnit.Micros => count * TimeSpan.TicksPerMicrosecond,
            DateTimeTimeUnit.Nanos => count / TimeSpan.NanosecondsPerTick,
            _ => null,
        };
        return ticks is null ? null : DateTime.SpecifyKind(DateTime.UnixEpoch.AddTicks(ticks.Value), field.IsAdjustedToUTC ? DateTimeKind.Utc : DateTimeKind.Unspecified);
    }

    /// <summary>The unscaled integer divided by 10^scale; a <see cref="WideDecimal"/> past the range of <see cref="decimal"/> (about 28 digits).</summary>
    private static object Shift(BigInteger unscaled, int scale)
    {
        if (BigInteger.Abs(unscaled) > new BigInteger(decimal.MaxValue) || scale > 28)
            return new WideDecimal(unscaled, scale);
        var result = (decimal)unscaled;
        for (var i = 0; i < scale; i++)
            result /= 10;
        return result;
    }
}
