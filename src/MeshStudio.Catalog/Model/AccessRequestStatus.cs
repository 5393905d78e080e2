namespace MeshStudio.Catalog.Model;

public enum AccessRequestStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}
