using Parquet.Data;

namespace MeshStudio.Engine.Products;

/// <summary>Folds the statistics of one column over every row group of every file of a snapshot.</summary>
internal sealed class ColumnStatisticsBuilder(string name)
{
    private long _rows;
    private long? _nulls = 0;
    private object? _min;
    private object? _max;
    private bool _rangeKnown = true;
    private int _groups;
    private long? _distinct;

    public string Name => name;

    /// <summary>A row group that has the column; <paramref name="statistics"/> null when the footer records none.</summary>
    public void Add(long rows, DataColumnStatistics? statistics)
    {
        _rows += rows;
        _nulls = statistics?.NullCount is { } nulls ? _nulls + nulls : null;
        _distinct = ++_groups == 1 ? statistics?.DistinctCount : null;
        if (statistics?.NullCount == rows)
            return; // only nulls: no range to widen
        if (statistics?.MinValue is not { } min || statistics.MaxValue is not { } max || min is byte[] || max is byte[])
        {
            _rangeKnown = false;
            return;
        }
        _min = _min is null || Compare(min, _min) is < 0 ? min : _min;
        _max = _max is null || Compare(max, _max) is > 0 ? max : _max;
    }

    /// <summary>A row group without the column (a file from before it existed): readers see its rows as null.</summary>
    public void AddMissing(long rows)
    {
        _groups++;
        _distinct = null;
        _rows += rows;
        _nulls += rows;
    }

    /// <summary>A column without per-value statistics (list, struct, map): only its row count is known.</summary>
    public void AddUnknown(long rows)
    {
        _groups++;
        _distinct = null;
        _rows += rows;
        _nulls = null;
        _rangeKnown = false;
    }

    public ColumnStatistics Build() =>
        _rangeKnown ? new ColumnStatistics(name, _rows, _nulls, Shown(_min), Shown(_max), _distinct) : new ColumnStatistics(name, _rows, _nulls, null, null, _distinct);

    /// <summary>
    /// Values a JSON number would not carry exactly are text: decimals past <see cref="decimal"/>'s range and UBIGINTs
    /// (past 2^53 a JavaScript reader rounds them).
    /// </summary>
    private static object? Shown(object? value) => value switch
    {
        WideDecimal wide => wide.ToString(),
        ulong unsigned => unsigned.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };

    private static WideDecimal Wide(object value) => value is decimal d ? WideDecimal.Of(d) : (WideDecimal)value;

    /// <summary>Text compares by code point, as Parquet orders it; other values by their own order.</summary>
    private int? Compare(object a, object b)
    {
        if (a is string x && b is string y)
            return string.CompareOrdinal(x, y);
        if ((a, b) is (WideDecimal or decimal, WideDecimal or decimal) && a.GetType() != b.GetType())
            return Wide(a).CompareTo(Wide(b)); // a DECIMAL(38,s) column has values on both sides of decimal's range
        if (a.GetType() == b.GetType() && a is IComparable comparable)
            return comparable.CompareTo(b);
        _rangeKnown = false; // a column whose type changed between files has no single order
        return null;
    }
}
