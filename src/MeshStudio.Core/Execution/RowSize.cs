using System.Text;

namespace MeshStudio.Core.Execution;

/// <summary>
/// About how many bytes a row of JSON-friendly values (see <see cref="QueryBatch"/>) takes when written as JSON or
/// CSV: what byte limits on batches, responses and streams count.
/// </summary>
public static class RowSize
{
    public static long Estimate(IReadOnlyList<object?> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        long bytes = 2;
        foreach (var value in row)
            bytes += Estimate(value) + 1;
        return bytes;
    }

    public static long Estimate(object? value) => value switch
    {
        null => 4,
        string text => Encoding.UTF8.GetByteCount(text) + 2,
        bool => 5,
        _ => 24,
    };
}
