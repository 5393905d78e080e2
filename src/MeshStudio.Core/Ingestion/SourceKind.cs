namespace MeshStudio.Core.Ingestion;

public enum SourceKind
{
    Http = 0,
    File = 1,
}
