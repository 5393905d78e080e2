using MeshStudio.Application.Ingestion;
using MeshStudio.Application.Lake;
using MeshStudio.Core.Access;
using MeshStudio.Core.Products;
using MeshStudio.Web.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeshStudio.Web.Tests.Ingestion;

/// <summary>The HTTP ingest use case without the endpoint: the caller's key is checked there, and a stored batch clears a full disk.</summary>
[Collection(MeshAppCollection.Name)]
public class HttpSourceIngestionTests(MeshAppFactory app)
{
    private static readonly QualifiedName Orders = new("sales", "orders");

    private HttpSourceIngestion Ingestion => app.Services.GetRequiredService<HttpSourceIngestion>();

    [Fact]
    public async Task AuthorizeAsync_AnotherDomainsKey_IsRefused()
    {
        var caller = new IngestCaller(app.ApiKey("marketing"), "anonymous (10.9.9.9)");

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => Ingestion.AuthorizeAsync(caller, Orders, CancellationToken.None));

        Assert.Contains("sales domain's ingestion key", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_AfterADiskFullWrite_ClearsTheFullState()
    {
        var disk = app.Services.GetRequiredService<LakeDiskStatus>();
        Assert.True(disk.RecordIfDiskFull(new IOException("No space left on device")));
        var target = await Ingestion.AuthorizeAsync(new IngestCaller(app.ApiKey("sales"), "anonymous (10.9.9.9)"), Orders, CancellationToken.None);

        var stored = await Ingestion.IngestAsync(target, "{\"order_id\":\"usecase-1\"}", null, CancellationToken.None);

        Assert.Equal(1, stored.Accepted);
        Assert.Null(disk.FullSince);
    }

    [Fact]
    public async Task WriteAsync_DiskFull_IsRememberedAndToldWithoutServerPaths()
    {
        var disk = new LakeDiskStatus(new FakeTimeProvider(DateTimeOffset.UtcNow));

        var full = await Assert.ThrowsAsync<LakeFullException>(() =>
            disk.WriteAsync<int>(() => throw new IOException("/srv/lake/sales/x.tmp: No space left on device")));

        Assert.Equal(LakeDiskStatus.FullMessage, full.Message);
        Assert.NotNull(disk.FullSince);
    }
}
