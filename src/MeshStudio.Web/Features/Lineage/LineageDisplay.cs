using MeshStudio.Application.Lineage;
using MeshStudio.Core.Products;

namespace MeshStudio.Web.Features.Lineage;

/// <summary>How lineage nodes are named and where they link to.</summary>
public static class LineageDisplay
{
    public static string Href(LineageNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Kind switch
        {
            LineageNodeKind.Product => AppUrls.Product(node.Name),
            LineageNodeKind.Job => AppUrls.Job(node.Name),
            _ => AppUrls.Sources,
        };
    }

    public static string Kind(LineageNodeKind kind) => kind switch
    {
        LineageNodeKind.Source => "Source",
        LineageNodeKind.Job => "Job",
        _ => "Product",
    };

    /// <summary>A product by its title, a source or job by its name (they have no title).</summary>
    public static string Label(LineageNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Kind == LineageNodeKind.Product ? node.Title : node.Name.Name;
    }

    public static string Column(QualifiedName relation, string column) => $"{relation}.{column}";
}
