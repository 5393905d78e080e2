using MeshStudio.Core.Products;

namespace MeshStudio.Application.Lineage;

/// <summary>A source, job or product in a lineage graph.</summary>
/// <param name="Id"><c>kind:domain.name</c>, e.g. <c>product:sales.revenue_by_country</c>.</param>
/// <param name="Owner">The product's owner, the user the job runs as, a source's domain owner.</param>
/// <param name="Status">
/// A source's kind (<c>http</c>, <c>file</c>); a job's state (<c>running</c>, <c>paused</c>, <c>failing</c>, <c>never run</c>);
/// a product's status (<c>draft</c>, <c>in review</c>, <c>published</c>, <c>rejected</c>).
/// </param>
/// <param name="UpdatedAt">Freshness: a source's newest stored batch, a job's last run, a product's last commit.</param>
/// <param name="Depth">The longest path from a node without inputs in the graph shown: the column of a left-to-right layout.</param>
/// <param name="HasHiddenInputs">
/// Some of its data starts at things the asking user may not see (they are not named); a hidden job between two shown
/// nodes does not count, the two are linked directly.
/// </param>
public sealed record LineageNode(
    string Id,
    LineageNodeKind Kind,
    QualifiedName Name,
    string Title,
    string? Owner,
    string Status,
    DateTime? UpdatedAt,
    int Depth,
    bool HasHiddenInputs);
