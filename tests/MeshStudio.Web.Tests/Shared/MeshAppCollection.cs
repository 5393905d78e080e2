namespace MeshStudio.Web.Tests.Shared;

/// <summary>API tests share one seeded app: seeding the demo mesh takes seconds.</summary>
[CollectionDefinition(Name)]
public sealed class MeshAppCollection : ICollectionFixture<MeshAppFactory>
{
    public const string Name = "mesh app";
}
