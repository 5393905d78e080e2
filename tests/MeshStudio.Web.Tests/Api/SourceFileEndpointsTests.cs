using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

[Collection(MeshAppCollection.Name)]
public class SourceFileEndpointsTests(MeshAppFactory app)
{
    private async Task DeployFileSourceAsync(string name)
    {
        var response = await app.ClientFor("sales.analyst").PostAsync("/api/domains/sales/pipelines",
            new StringContent($"CREATE SOURCE sales.{name} WITH (format = 'csv', path = '{name}/*.csv');", Encoding.UTF8, "text/plain"));
        await response.JsonAsync(HttpStatusCode.OK);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task Upload_RawCsv_IngestsRows_QuarantinesBadOnes_AndTheSourceBecomesQueryable()
    {
        await DeployFileSourceAsync("uploads_raw");
        var analyst = app.ClientFor("sales.analyst");

        var result = await (await analyst.PostAsync("/api/sources/sales/uploads_raw/files?name=returns.csv",
            Csv("order_id,qty\no1,2\no2,3\no3,2,x\n"))).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, result.GetProperty("rows").GetInt64());
        Assert.Equal(1, result.GetProperty("quarantinedRows").GetInt64());
        Assert.Equal("line 4: expected 2 fields, found 3.", result.GetProperty("reasons")[0].GetString());
        Assert.Equal(5, await analyst.CountAsync("SELECT CAST(sum(qty) AS BIGINT) FROM sales.uploads_raw"));
    }

    [Fact]
    public async Task Upload_Multipart_SanitisesThePathOfTheFileName()
    {
        await DeployFileSourceAsync("uploads_form");
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("id\n1\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "../../../etc/evil name.csv");

        var result = await (await app.ClientFor("sales.analyst").PostAsync("/api/sources/sales/uploads_form/files", form)).JsonAsync(HttpStatusCode.OK);

        var stored = result.GetProperty("file").GetString()!;
        Assert.StartsWith("_uploads/uploads_form/", stored, StringComparison.Ordinal);
        Assert.EndsWith("-evil_name.csv", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("..", stored, StringComparison.Ordinal);
        Assert.Equal(1, result.GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task Upload_WrongExtension_IsRefusedWithAClearMessage()
    {
        await DeployFileSourceAsync("uploads_ext");

        var problem = await (await app.ClientFor("sales.analyst").PostAsync("/api/sources/sales/uploads_ext/files?name=data.exe",
            Csv("id\n1\n"))).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("files ending in .csv", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ByNonMember_IsForbidden_AndWithoutTokenUnauthorized()
    {
        await DeployFileSourceAsync("uploads_auth");

        var forbidden = await app.ClientFor("consumer").PostAsync("/api/sources/sales/uploads_auth/files?name=a.csv", Csv("id\n1\n"));
        var anonymous = await app.AnonymousClient().PostAsync("/api/sources/sales/uploads_auth/files?name=a.csv", Csv("id\n1\n"));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Upload_ToAnHttpSource_IsRefused()
    {
        var problem = await (await app.ClientFor("sales.analyst").PostAsync("/api/sources/sales/orders/files?name=a.csv",
            Csv("id\n1\n"))).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("HTTP source", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
