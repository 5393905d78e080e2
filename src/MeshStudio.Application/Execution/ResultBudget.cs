using System.Globalization;
using MeshStudio.Core.Execution;

namespace MeshStudio.Application.Execution;

/// <summary>
/// How much of one result a response, a hub stream or a Studio run may hold: rows and bytes (about, as
/// <see cref="RowSize"/> counts them). Rows past either limit are not taken and <see cref="TruncatedBy"/> says why.
/// </summary>
public sealed class ResultBudget(long maxRows, long maxBytes)
{
    public long Rows { get; private set; }

    public long Bytes { get; private set; }

    /// <summary><c>rows</c> or <c>bytes</c> once a row did not fit, otherwise null.</summary>
    public string? TruncatedBy { get; private set; }

    public long MaxBytes => maxBytes;

    /// <summary>Counts <paramref name="row"/> in when it fits; false (and never again true) once one does not.</summary>
    public bool TryTake(object?[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (TruncatedBy is not null)
            return false;
        if (Rows >= maxRows)
        {
            TruncatedBy = "rows";
            return false;
        }
        var size = RowSize.Estimate(row);
        if (Bytes + size > maxBytes)
        {
            TruncatedBy = "bytes";
            return false;
        }
        Rows++;
        Bytes += size;
        return true;
    }

    /// <summary>The rows of <paramref name="batch"/> that fit.</summary>
    public IReadOnlyList<object?[]> Take(QueryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var kept = 0;
        while (kept < batch.Rows.Count && TryTake(batch.Rows[kept]))
            kept++;
        return kept == batch.Rows.Count ? batch.Rows : batch.Rows.Take(kept).ToList();
    }

    /// <summary>What a user is told when the byte limit stopped a result.</summary>
    public string BytesMessage() => string.Create(CultureInfo.InvariantCulture,
        $"The result stopped at the {Megabytes(maxBytes)} limit for one result after {Rows:N0} rows: select fewer rows or columns, or aggregate.");

    private static string Megabytes(long bytes) =>
        bytes >= 1024 * 1024
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");
}
