namespace MeshStudio.Application.Lineage;

public enum LineageNodeKind
{
    Source,
    Job,
    Product,
}
