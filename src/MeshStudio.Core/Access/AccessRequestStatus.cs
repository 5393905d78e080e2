namespace MeshStudio.Core.Access;

public enum AccessRequestStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}
