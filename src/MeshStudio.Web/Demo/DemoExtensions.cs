namespace MeshStudio.Web.Demo;

public static class DemoExtensions
{
    public static IServiceCollection AddMeshDemo(this IServiceCollection services)
    {
        services.AddSingleton<DemoMeshSeeder>();
        services.AddHostedService<OrderSimulator>();
        return services;
    }
}
