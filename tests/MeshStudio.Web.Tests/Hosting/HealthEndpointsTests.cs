using System.Net;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Hosting;

[Collection(MeshAppCollection.Name)]
public class HealthEndpointsTests(MeshAppFactory app)
{
    [Fact]
    public async Task Ready_Anonymous_ListsEachDependencyWithItsStatus()
    {
        var response = await app.AnonymousClient().GetAsync("/health/ready");

        var json = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        var checks = json.GetProperty("checks").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["catalog"] = "Healthy", ["engine"] = "Healthy", ["lake"] = "Healthy" }, checks);
    }

    [Fact]
    public async Task Live_Anonymous_AnswersHealthyWithoutCheckingDependencies()
    {
        var response = await app.AnonymousClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_NotEnabled_AreNotServed()
    {
        var response = await app.ClientFor("admin").GetAsync("/metrics");

        Assert.DoesNotContain("meshstudio_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
