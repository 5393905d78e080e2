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

    public string Name => name;

    /// <summary>A row group that has the column; <paramref name="statistics"/> null when the footer records none.</summary>
    public void Add(long rows, DataColumnStatistics? statistics)
    {
        _rows += rows;
        _nulls = statistics?.NullCount is { } nulls ? _nulls + nulls : null;
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
        _rows += rows;
        _nulls += rows;
    }

    /// <summary>A column without per-value statistics (list, struct, map): only its row count is known.</summary>
    public void AddUnknown(long rows)
    {
        _rows += rows;
        _nulls = null;
        _rangeKnown = false;
    }

    public ColumnStatistics Build() =>
        _rangeKnown ? new ColumnStatistics(name, _rows, _nulls, _min, _max) : new ColumnStatistics(name, _rows, _nulls, null, null);

    /// <summary>Text compares by code point, as Parquet orders it; other values by their own order.</summary>
    private int? Compare(object a, object b)
    {
        if (a is string x && b is string y)
            return string.CompareOrdinal(x, y);
        if (a.GetType() == b.GetType() && a is IComparable comparable)
            return comparable.CompareTo(b);
        _rangeKnown = false; // a column whose type changed between files has no single order
        return null;
    }
}
