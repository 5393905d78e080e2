namespace MeshStudio.Core.Governance;

public enum ReviewStatus
{
    Open = 0,
    Approved = 1,
    Rejected = 2,
}
