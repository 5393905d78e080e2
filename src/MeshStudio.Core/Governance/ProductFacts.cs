using MeshStudio.Core.Governance.Policies;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Governance;

/// <summary>What the automated review checks look at: the product as it is now.</summary>
/// <param name="HasSchedule">The product's job runs on a schedule; null when no job writes it.</param>
/// <param name="ExpectationCount">The expectations of the product's job; null when no job writes it.</param>
public sealed record ProductFacts(
    QualifiedName Name,
    string? OwnerUserName,
    string Description,
    IReadOnlyList<ColumnSchema> Columns,
    bool HasData,
    bool? HasSchedule = null,
    int? ExpectationCount = null)
{
    public PolicySubject ToSubject() => new(
        Name,
        Columns: Columns.Select(SubjectColumn.From).ToList(),
        Owner: OwnerUserName,
        OwnerKnown: true,
        Description: Description,
        HasData: HasData,
        HasSchedule: HasSchedule,
        ExpectationCount: ExpectationCount,
        ColumnDescriptionsKnown: true);
}
