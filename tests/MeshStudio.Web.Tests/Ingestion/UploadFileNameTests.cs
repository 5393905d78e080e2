using MeshStudio.Application.Ingestion;

namespace MeshStudio.Web.Tests.Ingestion;

/// <summary>An upload's stored name is written and read back in one place: users see the name they gave.</summary>
public class UploadFileNameTests
{
    [Fact]
    public void Shown_StampedUpload_IsTheNameTheUserGave()
    {
        var stored = "_uploads/orders/" + UploadFileName.Stamped(new DateTime(2026, 11, 28, 13, 5, 9, 42, DateTimeKind.Utc), "orders-1.csv");

        Assert.Equal("_uploads/orders/20261128130509042-orders-1.csv", stored);
        Assert.Equal("orders-1.csv", UploadFileName.Shown(stored));
    }

    [Theory]
    [InlineData("drops/20261128130509042-orders.csv")] // a dropped file keeps its path: the stamp is only ours in uploads
    [InlineData("_uploads/orders/orders.csv")]
    public void Shown_NotAStampedUpload_IsThePathAsItIs(string file) => Assert.Equal(file, UploadFileName.Shown(file));
}
