namespace MeshStudio.Catalog.Model;

public enum ReviewStatus
{
    Open = 0,
    Approved = 1,
    Rejected = 2,
}
