using System.Net;
using System.Net.Http.Headers;

namespace MeshStudio.Web.Tests.Shared;

/// <summary>
/// A large request body sent in chunks without a Content-Length that records how much of it the server took:
/// a server that refuses without reading takes at most what the transport buffers.
/// </summary>
public sealed class RecordingContent : HttpContent
{
    private const int ChunkBytes = 64 * 1024;
    private readonly byte[] _chunk;
    private readonly long _total;
    private long _sent;

    public RecordingContent(string repeatedText, long totalBytes, string contentType)
    {
        _chunk = new byte[ChunkBytes];
        var text = System.Text.Encoding.UTF8.GetBytes(repeatedText);
        for (var i = 0; i < ChunkBytes; i++)
            _chunk[i] = text[i % text.Length];
        _total = totalBytes;
        Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
    }

    /// <summary>Bytes the server has taken so far.</summary>
    public long BytesSent => Interlocked.Read(ref _sent);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        try
        {
            while (BytesSent < _total)
            {
                await stream.WriteAsync(_chunk);
                await stream.FlushAsync();
                Interlocked.Add(ref _sent, ChunkBytes);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // the server answered without reading the rest
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
