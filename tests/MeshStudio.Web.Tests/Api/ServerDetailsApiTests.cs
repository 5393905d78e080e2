using System.Net;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

/// <summary>Users of the API see their data, never the server's folders or setup.</summary>
[Collection(MeshAppCollection.Name)]
public class ServerDetailsApiTests(MeshAppFactory app)
{
    [Theory]
    [InlineData("SELECT * FROM duckdb_settings()")]
    [InlineData("SELECT sql FROM duckdb_views()")]
    [InlineData("SELECT current_setting('temp_directory')")]
    public async Task Sql_ServerIntrospection_IsRefusedWith400(string sql)
    {
        var response = await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql", new { sql });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("shows how the server is set up", body, StringComparison.Ordinal);
        Assert.DoesNotContain(app.DataPath, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_ReadingAMissingLakeFile_ErrorHidesTheLakeFolder()
    {
        var lake = Path.Combine(app.DataPath, "lake");
        var problem = await (await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql",
            new { sql = $"SELECT * FROM read_parquet('{lake}/sales/sources/orders/none.parquet')" })).JsonAsync(HttpStatusCode.BadRequest);

        Assert.DoesNotContain(app.DataPath, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_TestAllTypes_Answers400NamingTheColumnToCast()
    {
        var problem = await (await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql",
            new { sql = "SELECT * FROM test_all_types()" })).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("CAST(\"date\" AS VARCHAR)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_TestAllTypesCastToText_ReturnsEveryRow()
    {
        var json = await (await app.ClientFor("sales.analyst").PostAsJsonAsync("/api/sql",
            new { sql = "SELECT CAST(COLUMNS(*) AS VARCHAR) FROM test_all_types()" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, json.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task Product_Details_DoNotShowTheSnapshotFolder()
    {
        var body = await app.ClientFor("logistics.owner").GetStringAsync("/api/products/logistics/delivery_performance");

        Assert.Contains("\"canReadData\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("snapshotLocation", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/products/", body, StringComparison.Ordinal);
    }
}
