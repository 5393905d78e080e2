using System.Text;

namespace MeshStudio.Web.Api;

/// <summary>Reads a request body of text (a pipeline script, a contract) up to a limit.</summary>
public static class TextBody
{
    /// <summary>The body as UTF-8 text, or null once it passes <paramref name="maxBytes"/> (a body without Content-Length is counted as it arrives).</summary>
    public static async Task<string?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        using var reader = new StreamReader(buffer, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
