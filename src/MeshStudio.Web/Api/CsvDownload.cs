using System.Text;
using MeshStudio.Application.Execution;

namespace MeshStudio.Web.Api;

/// <summary>
/// A started query as a CSV attachment. The rows are spooled to a temporary file (deleted once sent), not to memory,
/// so the headers can say how the page ended (<c>X-Has-More</c>, <c>X-Truncated: bytes</c>) before the body starts
/// and an error while reading (a timeout) is still a clean 400.
/// </summary>
public static class CsvDownload
{
    private const int BufferSize = 64 * 1024;

    public static async Task<IResult> CreateAsync(HttpContext context, QueryStream stream, ResultBudget budget, string fileName)
    {
        ArgumentNullException.ThrowIfNull(context);
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
                await foreach (var batch in stream.ReadAllAsync().WithCancellation(context.RequestAborted))
                {
                    foreach (var row in budget.Take(batch))
                        await CsvWriter.WriteRowAsync(writer, row);
                    if (budget.TruncatedBy is not null)
                        break;
                }
            }
            file.Position = 0;
            context.Response.Headers["X-Has-More"] = budget.TruncatedBy is null ? "false" : "true";
            if (budget.TruncatedBy == "bytes")
                context.Response.Headers["X-Truncated"] = "bytes";
            return Results.File(file, "text/csv; charset=utf-8", fileName);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
