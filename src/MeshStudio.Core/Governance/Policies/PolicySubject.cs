using MeshStudio.Core.Products;

namespace MeshStudio.Core.Governance.Policies;

/// <summary>
/// What the policies are evaluated on: a product as a job would write it (while typing, at deploy) or as it is
/// (at review). A fact that is null is not known at that point, and the policies that need it are not evaluated.
/// </summary>
/// <param name="ProductOffset">Where the product's name is written in the checked text, when there is one.</param>
/// <param name="Columns">The output columns; null when the output is not known (a query that does not bind).</param>
/// <param name="HasSchedule">The writing job runs on a schedule.</param>
/// <param name="ExpectationCount">The writing job's expectations.</param>
/// <param name="ColumnDescriptionsKnown">The columns carry their descriptions (a product's; a job's output has none yet).</param>
public sealed record PolicySubject(
    QualifiedName Product,
    int? ProductOffset = null,
    IReadOnlyList<SubjectColumn>? Columns = null,
    string? Owner = null,
    bool OwnerKnown = false,
    string? Description = null,
    bool? HasData = null,
    bool? HasSchedule = null,
    int? ExpectationCount = null,
    bool ColumnDescriptionsKnown = false);
