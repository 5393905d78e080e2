using MeshStudio.Core.Products;

namespace MeshStudio.Application.Lineage;

/// <summary>Why a product column is personal data.</summary>
/// <param name="From">The personal upstream columns it carries unmasked (<c>sales.orders.email</c>), nearest first.</param>
/// <param name="FromHiddenInput">It also carries a personal column of an input the user may not see.</param>
/// <param name="Detected">The column itself was flagged when its values were classified.</param>
public sealed record PersonalData(PiiKind Kind, IReadOnlyList<string> From, bool FromHiddenInput, bool Detected);
