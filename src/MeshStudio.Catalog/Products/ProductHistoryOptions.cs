using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace MeshStudio.Catalog.Products;

/// <summary>
/// How long the catalog keeps the history of a product's snapshots (time travel). It should equal the lake's snapshot
/// retention (<c>MeshStudio:Jobs:SnapshotRetentionMinutes</c>): an older entry points at a deleted folder.
/// Configure with <c>services.Configure&lt;ProductHistoryOptions&gt;(…)</c>; unconfigured, the default 10 minutes.
/// </summary>
public sealed class ProductHistoryOptions
{
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromMinutes(10);

    public TimeSpan Retention { get; set; } = DefaultRetention;

    /// <summary>
    /// The options registered in the application's services (the static commit path has no constructor to inject them),
    /// or the defaults.
    /// </summary>
    internal static ProductHistoryOptions From(MeshDbContext db)
    {
        var app = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        return (app?.GetService(typeof(IOptions<ProductHistoryOptions>)) as IOptions<ProductHistoryOptions>)?.Value ?? new ProductHistoryOptions();
    }
}
