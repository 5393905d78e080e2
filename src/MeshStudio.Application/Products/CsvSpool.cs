using System.Text;
using MeshStudio.Application.Execution;

namespace MeshStudio.Application.Products;

/// <summary>
/// The rows of a started query as CSV in a temporary file (deleted once closed), not in memory, so the caller knows
/// how the rows ended (<see cref="CsvFile.TruncatedBy"/>) before it sends a byte, and an error while reading (a
/// timeout) comes before the response starts.
/// </summary>
public static class CsvSpool
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Reads <paramref name="stream"/> (and disposes it) into a CSV file, as many rows as <paramref name="budget"/> takes.</summary>
    public static async Task<CsvFile> WriteAsync(QueryStream stream, ResultBudget budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(budget);
        var path = Path.Combine(Path.GetTempPath(), $"meshstudio-{Guid.NewGuid():N}.csv");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await using (stream)
            {
                await using var writer = new StreamWriter(file, new UTF8Encoding(false), BufferSize, leaveOpen: true);
                await CsvWriter.WriteHeaderAsync(writer, stream.Columns.Select(c => c.Name));
                await foreach (var batch in stream.ReadAllAsync().WithCancellation(cancellationToken))
                {
                    foreach (var row in budget.Take(batch))
                        await CsvWriter.WriteRowAsync(writer, row);
                    if (budget.TruncatedBy is not null)
                        break;
                }
            }
            file.Position = 0;
            return new CsvFile(file, budget.TruncatedBy);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
