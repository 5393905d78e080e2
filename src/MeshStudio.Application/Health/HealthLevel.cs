namespace MeshStudio.Application.Health;

public enum HealthLevel
{
    Healthy,
    Degraded,
    Unhealthy,
}
