using MeshStudio.Core.Ingestion;
using MeshStudio.Core.Products;

namespace MeshStudio.Engine.Ingestion.Files;

/// <summary>What the ingester needs to know about a file source.</summary>
/// <param name="Name">The source.</param>
/// <param name="Format"><c>json</c>, <c>csv</c> or <c>parquet</c>.</param>
/// <param name="Glob">The files it takes, relative to the domain inbox.</param>
/// <param name="Columns">Its columns so far (declared or inferred; empty before the first file of an inferred source).</param>
/// <param name="SchemaInferred">True when the columns came from the data rather than CREATE SOURCE.</param>
public sealed record FileSourceSpec(QualifiedName Name, string Format, string Glob, IReadOnlyList<ColumnSchema> Columns, bool SchemaInferred)
{
    /// <summary>True when the source's types may widen to VARCHAR (see <see cref="SourceSchema"/>).</summary>
    public bool Inferred => SchemaInferred || Columns.Count == 0;
}

/// <summary>A file waiting in an inbox.</summary>
/// <param name="RelativePath">Path relative to the domain inbox, with forward slashes.</param>
/// <param name="FullPath">Absolute path.</param>
public sealed record InboxFile(string RelativePath, string FullPath, long Size, DateTime ModifiedUtc)
{
    public static InboxFile Of(string inbox, string fullPath)
    {
        var info = new FileInfo(fullPath);
        return new InboxFile(Path.GetRelativePath(inbox, fullPath).Replace('\\', '/'), info.FullName, info.Length, info.LastWriteTimeUtc);
    }

    /// <summary>Stable id of this version of the file: path, size and modification time.</summary>
    public string Id
    {
        get
        {
            var key = $"{RelativePath}|{Size}|{ModifiedUtc.Ticks}";
            var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
            return "f" + Convert.ToHexStringLower(hash)[..20];
        }
    }
}
