using System.Net;
using MeshStudio.Web.Features.Catalog;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

/// <summary>The product page's download buttons' routes: attachments with the right names and types, refused without access.</summary>
[Collection(MeshAppCollection.Name)]
public class ProductDownloadEndpointTests(MeshAppFactory app)
{
    [Theory]
    [InlineData("csv", "text/csv", "logistics.delivery_performance-page1.csv")]
    [InlineData("json", "application/json", "logistics.delivery_performance-page1.json")]
    [InlineData("parquet", "application/vnd.apache.parquet", "logistics.delivery_performance.parquet")]
    public async Task Download_UserWithAccess_GetsAnAttachmentWithNameAndType(string format, string contentType, string fileName)
    {
        var url = Web.AppUrls.ProductDownload(new("logistics", "delivery_performance"), format, ProductDownloads.MaxRows);

        var response = await app.ClientFor("logistics.owner").GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Equal(fileName, disposition?.FileNameStar ?? disposition?.FileName);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEmpty(body);
        if (format == "parquet")
            Assert.Equal("PAR1"u8.ToArray(), body[..4]);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("parquet")]
    public async Task Download_UserWithoutAccess_IsA403SayingHowToGetIt(string format)
    {
        var url = Web.AppUrls.ProductDownload(new("marketing", "campaign_performance"), format, ProductDownloads.MaxRows);

        var response = await app.ClientFor("logistics.owner").GetAsync(url);

        var problem = await response.JsonAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Request access", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }
}
