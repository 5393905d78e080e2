using System.Net;
using MeshStudio.Web.Api;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

/// <summary>Callers who may not write are refused before their body is read: a large body costs the server nothing.</summary>
[Collection(MeshAppCollection.Name)]
public class RefuseBeforeReadingTests(MeshAppFactory app)
{
    private const long LargerThanAnyLimit = IngestEndpoints.MaxBodyBytes + (4 * 1024 * 1024);
    private const long AtMostBuffered = 1024 * 1024;

    [Fact]
    public async Task Ingest_WrongKeyWithHugeBody_Is401WithoutReadingTheBody()
    {
        var body = new RecordingContent("{\"order_id\":\"x\"}\n", LargerThanAnyLimit, "application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/sales/orders") { Content = body };
        request.Headers.Add("X-Api-Key", "wrong-key");

        var response = await app.AnonymousClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(body.BytesSent < AtMostBuffered, $"The server read {body.BytesSent} bytes of a refused batch.");
    }

    [Fact]
    public async Task Upload_MultipartFromNonMember_Is403WithoutReadingTheForm()
    {
        var body = new RecordingContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nid\n1\n", 20L * 1024 * 1024,
            "multipart/form-data; boundary=b");

        var response = await app.ClientFor("consumer").PostAsync("/api/sources/sales/orders/files", body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(body.BytesSent < AtMostBuffered, $"The server read {body.BytesSent} bytes of a refused upload.");
    }

    [Fact]
    public async Task Upload_RawBodyFromNonMember_Is403WithoutReadingTheBody()
    {
        var body = new RecordingContent("id\n1\n", 20L * 1024 * 1024, "text/csv");

        var response = await app.ClientFor("consumer").PostAsync("/api/sources/sales/orders/files?name=a.csv", body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(body.BytesSent < AtMostBuffered, $"The server read {body.BytesSent} bytes of a refused upload.");
    }
}
