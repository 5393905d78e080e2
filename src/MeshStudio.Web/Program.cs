using MeshStudio.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMeshStudio();

var app = builder.Build();
await app.InitializeMeshStudioAsync();
app.UseMeshStudio();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
