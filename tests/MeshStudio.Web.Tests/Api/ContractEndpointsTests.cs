using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MeshStudio.Application.Products.Contracts;
using MeshStudio.Web.Tests.Shared;

namespace MeshStudio.Web.Tests.Api;

[Collection(MeshAppCollection.Name)]
public class ContractEndpointsTests(MeshAppFactory app)
{
    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    /// <summary>A product of its own per test (the app is shared): customer totals keyed by customer, nulls dropped.</summary>
    private async Task<string> DeployTotalsAsync(string name, string select = "SELECT customer_id, sum(amount) AS total FROM sales.orders GROUP BY customer_id")
    {
        var response = await app.ClientFor("sales.owner").PostAsync("/api/domains/sales/pipelines", new StringContent($"""
            CREATE JOB sales.{name}_job AS
            INSERT INTO sales.{name} KEY (customer_id)
            {select}
            WITH EXPECTATION customer_present EXPECT customer_id IS NOT NULL ON VIOLATION DROP
            """, Encoding.UTF8, "text/plain"));
        return (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("statements")[0].GetProperty("message").GetString()!;
    }

    [Fact]
    public async Task Get_ProductWithoutSavedContract_GeneratesItFromSchemaKeyAndExpectations()
    {
        await DeployTotalsAsync("contract_generated");

        var response = await app.ClientFor("sales.analyst").GetAsync("/api/products/sales/contract_generated/contract");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("false", response.Headers.GetValues("X-Contract-Saved").Single());
        var contract = ContractYamlReader.Read(await response.Content.ReadAsStringAsync());
        var schema = contract.ObjectFor("contract_generated")!;
        Assert.Equal(["customer_id", "total"], schema.Properties.Select(p => p.Name));
        Assert.Equal(["customer_id"], schema.PrimaryKey);
        Assert.True(schema.Properties[0].Required);
        Assert.Equal("customer_present", Assert.Single(schema.Quality).Name);
        Assert.Equal("sales.owner", contract.Team!.Members.Single().Username);
    }

    [Fact]
    public async Task PutThenGet_OwnerEditsTheContract_GetsExactlyWhatWasSavedAsYamlAndJson()
    {
        await DeployTotalsAsync("contract_edited");
        var owner = app.ClientFor("sales.owner");
        var generated = await owner.GetStringAsync("/api/products/sales/contract_edited/contract");
        var edited = Regex.Replace(generated, "  usage: .*", "  purpose: Totals per customer\n  usage: Sales planning only");

        var put = await owner.PutAsync("/api/products/sales/contract_edited/contract", Yaml(edited));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var saved = await put.Content.ReadAsStringAsync();
        var again = await owner.GetAsync("/api/products/sales/contract_edited/contract");
        Assert.Equal("true", again.Headers.GetValues("X-Contract-Saved").Single());
        Assert.Equal(saved, await again.Content.ReadAsStringAsync());
        Assert.Equal("Sales planning only", ContractYamlReader.Read(saved).Description!.Usage);
        var json = await (await owner.GetAsync("/api/products/sales/contract_edited/contract?format=json")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Totals per customer", json.GetProperty("description").GetProperty("purpose").GetString());
        var viaJson = await owner.PutAsync("/api/products/sales/contract_edited/contract", new StringContent(json.GetRawText(), Encoding.UTF8, "application/json"));
        Assert.Equal(saved, await viaJson.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Put_BrokenYaml_Is400WithLineAndColumn()
    {
        await DeployTotalsAsync("contract_broken");

        var response = await app.ClientFor("sales.owner").PutAsync("/api/products/sales/contract_broken/contract",
            Yaml("apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\nschema:\n  - name: contract_broken\n    properties: [ { name: b\n"));

        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(9, problem.GetProperty("line").GetInt32());
        Assert.StartsWith("Line 9, column ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_ContractTheProductDoesNotKeep_Is400WithTheDifference()
    {
        await DeployTotalsAsync("contract_unkept");
        var owner = app.ClientFor("sales.owner");
        var generated = await owner.GetStringAsync("/api/products/sales/contract_unkept/contract");

        var response = await owner.PutAsync("/api/products/sales/contract_unkept/contract", Yaml(generated.Replace("physicalType: VARCHAR", "physicalType: BIGINT", StringComparison.Ordinal)));

        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Column customer_id is BIGINT in the contract; the job writes VARCHAR.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sales.analyst", HttpStatusCode.Forbidden)]
    [InlineData("marketing.owner", HttpStatusCode.NotFound)]
    public async Task Put_NotAnOwner_IsRefusedBeforeReadingTheContract(string user, HttpStatusCode expected)
    {
        await DeployTotalsAsync($"contract_refused_{expected:D}");

        var response = await app.ClientFor(user).PutAsync($"/api/products/sales/contract_refused_{expected:D}/contract", Yaml("not: a contract"));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Deploy_JobBreakingTheSavedContract_IsRefusedWithTheDifferencesAndChangesNothing()
    {
        await DeployTotalsAsync("contract_enforced");
        var owner = app.ClientFor("sales.owner");
        var contract = await owner.GetStringAsync("/api/products/sales/contract_enforced/contract");
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync("/api/products/sales/contract_enforced/contract", Yaml(contract))).StatusCode);

        var response = await owner.PostAsync("/api/domains/sales/pipelines", new StringContent("""
            CREATE JOB sales.contract_enforced_job AS
            INSERT INTO sales.contract_enforced KEY (customer_id)
            SELECT customer_id, CAST(sum(amount) AS DOUBLE) AS total, count(*) AS orders FROM sales.orders GROUP BY customer_id
            """, Encoding.UTF8, "text/plain"));

        var outcome = (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("statements")[0];
        var differences = outcome.GetProperty("contractDifferences").EnumerateArray().Select(d => d.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["nullable", "type"], differences);
        Assert.StartsWith("Job sales.contract_enforced_job would break the contract of sales.contract_enforced (2 differences): Column customer_id is required",
            outcome.GetProperty("message").GetString(), StringComparison.Ordinal);
        var product = await (await owner.GetAsync("/api/products/sales/contract_enforced")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["customer_id", "total"], product.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Contains("has", await DeployTotalsAsync("contract_enforced"), StringComparison.Ordinal);
    }
}
