using MeshStudio.Catalog.Model;
using Microsoft.EntityFrameworkCore;

namespace MeshStudio.Catalog.Products;

/// <summary>How <see cref="ProductVersion"/> is stored: one row per version, its lists as JSON, unique per series and number.</summary>
internal static class ProductVersionModel
{
    public static void Configure(ModelBuilder builder)
    {
        var version = builder.Entity<ProductVersion>();
        version.HasOne(v => v.Product).WithMany().HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
        version.HasIndex(v => new { v.SeriesId, v.Major, v.Minor, v.Patch }).IsUnique();
        version.HasIndex(v => v.ProductId);
        MeshDbContext.Json(version.Property(v => v.Columns));
        MeshDbContext.Json(version.Property(v => v.KeyColumns));
        MeshDbContext.Json(version.Property(v => v.Changes));
    }
}
