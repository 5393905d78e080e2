namespace MeshStudio.Core.Products;

/// <summary>Life cycle of a data product: only <see cref="Published"/> products are in the marketplace.</summary>
public enum ProductStatus
{
    Draft = 0,
    InReview = 1,
    Published = 2,
    Rejected = 3,
}
