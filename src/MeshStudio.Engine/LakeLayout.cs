using System.Globalization;
using MeshStudio.Core.Products;

namespace MeshStudio.Engine;

/// <summary>The one place that knows where things live in the lake folder.</summary>
public sealed class LakeLayout
{
    public const string SegmentPattern = "seg-*.ndjson";
    public const string SnapshotFileName = "data.parquet";

    public LakeLayout(LakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RootPath = options.RootPath;
    }

    /// <summary>Absolute path of the lake root, without a trailing separator.</summary>
    public string RootPath { get; }

    /// <summary><c>&lt;root&gt;/&lt;domain&gt;</c>.</summary>
    public string DomainDirectory(string domain) => Path.Combine(RootPath, Checked(domain, nameof(domain)));

    /// <summary><c>&lt;root&gt;/&lt;domain&gt;/sources/&lt;source&gt;</c>: the ingested segments of a source.</summary>
    public string SourceDirectory(QualifiedName source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Path.Combine(DomainDirectory(source.Domain), "sources", Checked(source.Name, nameof(source)));
    }

    /// <summary>A new, unique segment file name: <c>seg-&lt;utc ticks&gt;-&lt;guid&gt;.ndjson</c>.</summary>
    public static string NewSegmentFileName(DateTime utcNow) =>
        string.Create(CultureInfo.InvariantCulture, $"seg-{utcNow.Ticks:D19}-{Guid.NewGuid():N}.ndjson");

    /// <summary><c>&lt;root&gt;/&lt;domain&gt;/inbox</c>: files dropped for file sources.</summary>
    public string InboxDirectory(string domain) => Path.Combine(DomainDirectory(domain), "inbox");

    /// <summary><c>&lt;root&gt;/&lt;domain&gt;/products/&lt;product&gt;</c>: all snapshots of a product.</summary>
    public string ProductDirectory(QualifiedName product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return Path.Combine(DomainDirectory(product.Domain), "products", Checked(product.Name, nameof(product)));
    }

    /// <summary>A new snapshot folder location, relative to the root with forward slashes and a trailing slash.</summary>
    public static string NewSnapshotLocation(QualifiedName product, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(product);
        var folder = SnapshotFolder.NewName(utcNow);
        return $"{Checked(product.Domain, nameof(product))}/products/{Checked(product.Name, nameof(product))}/{folder}/";
    }

    /// <summary>Name of the folder, next to a product's snapshots, that holds one quarantine folder per run.</summary>
    public const string QuarantineFolderName = "_quarantine";

    /// <summary>
    /// The quarantine folder of the run that wrote <paramref name="snapshotLocation"/>:
    /// <c>&lt;domain&gt;/products/&lt;product&gt;/_quarantine/&lt;snapshot folder name&gt;/</c>. It lies outside the
    /// snapshot, so readers of the product never reach the quarantined input rows.
    /// </summary>
    public static string QuarantineLocationOf(string snapshotLocation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshotLocation);
        var trimmed = snapshotLocation.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        if (slash < 0)
            throw new ArgumentException($"'{snapshotLocation}' is not a snapshot location.", nameof(snapshotLocation));
        return $"{trimmed[..slash]}/{QuarantineFolderName}/{trimmed[(slash + 1)..]}/";
    }

    /// <summary>True when <paramref name="folder"/> (absolute) is one run's folder directly inside a product's quarantine.</summary>
    public bool IsQuarantineFolder(string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var parent = Path.GetDirectoryName(full);
        var products = parent is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(parent));
        return parent is not null && products is not null
            && Path.GetFileName(parent) == QuarantineFolderName
            && Path.GetFileName(products) == "products"
            && LakeLayout.IsInside(full, RootPath);
    }

    /// <summary>
    /// The absolute folder of a location relative to the root (e.g. a product snapshot).
    /// Rejects rooted paths, <c>..</c> segments and anything that would leave the lake.
    /// </summary>
    public string ResolveLocation(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var normalized = location.Replace('\\', '/');
        if (normalized.StartsWith('/') || Path.IsPathRooted(location) || normalized.Contains(':', StringComparison.Ordinal))
            throw new ArgumentException($"Location '{location}' must be relative to the lake root.", nameof(location));
        var segments = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments.Any(s => s is ".." or "."))
            throw new ArgumentException($"Location '{location}' may not contain '.' or '..' segments.", nameof(location));
        if (!QualifiedName.IsValidIdentifier(segments[0]))
            throw new ArgumentException($"Location '{location}' does not start with a valid domain.", nameof(location));
        var full = Path.GetFullPath(Path.Combine([RootPath, .. segments]));
        if (!IsInside(full, RootPath))
            throw new ArgumentException($"Location '{location}' is outside the lake.", nameof(location));
        return full;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or inside it.</summary>
    public static bool IsInside(string path, string folder)
    {
        var f = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        return (path + Path.DirectorySeparatorChar).StartsWith(f, StringComparison.Ordinal);
    }

    private static string Checked(string value, string parameter) =>
        QualifiedName.IsValidIdentifier(value)
            ? value
            : throw new ArgumentException($"'{value}' is not a valid domain, source or product name.", parameter);
}
