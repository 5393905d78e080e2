namespace MeshStudio.Core.Products.Versions;

/// <summary>How a change of a product's output moves its version.</summary>
public enum VersionBump
{
    /// <summary>Same columns, types and key: the version stays.</summary>
    None = 0,
    /// <summary>Only nullable columns added: consumers keep working.</summary>
    Minor = 1,
    /// <summary>A column dropped or retyped, the key changed, or the contract broken: a new major version beside the old one.</summary>
    Major = 2,
}
