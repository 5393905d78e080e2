namespace MeshStudio.Catalog.Model;

public enum SourceKind
{
    Http = 0,
    File = 1,
}
