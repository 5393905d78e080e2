namespace MeshStudio.Catalog.Lineage;

/// <summary>The sources, jobs and products of the whole mesh, unfiltered (<see cref="LineageCatalog"/>).</summary>
public sealed record MeshInventory(
    IReadOnlyList<InventorySource> Sources,
    IReadOnlyList<InventoryJob> Jobs,
    IReadOnlyList<InventoryProduct> Products);
