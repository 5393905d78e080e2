using MeshStudio.Catalog.Model;
using MeshStudio.Core.Products;

namespace MeshStudio.Application.Ingestion;

/// <summary>
/// An HTTP source a caller's key was checked for (only <see cref="HttpSourceIngestion.AuthorizeAsync"/> makes one),
/// so a batch cannot be stored without that check.
/// </summary>
public sealed class HttpIngestTarget
{
    internal HttpIngestTarget(QualifiedName name, Source source)
    {
        Name = name;
        Source = source;
    }

    public QualifiedName Name { get; }

    internal Source Source { get; }
}
