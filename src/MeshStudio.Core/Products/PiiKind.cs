namespace MeshStudio.Core.Products;

/// <summary>Kinds of personal data the platform recognises.</summary>
public enum PiiKind
{
    Email,
    Phone,
    Name,
    Address,
    CardNumber,
    IpAddress,
    BirthDate,
    NationalId,
}
