using Bunit;
using MeshStudio.Application.Execution;
using MeshStudio.Web.Features.Sources;
using MeshStudio.Web.Tests.Shared;
using Microsoft.AspNetCore.Components.Forms;

namespace MeshStudio.Web.Tests.Features.Sources;

public sealed class SourcesPageTests
{
    private static async Task DeployCustomersAsync(ComponentTestContext ctx)
    {
        var result = await ctx.Get<PipelineDeployer>().DeployAsync(await ctx.UserAsync("sally"), "sales",
            "CREATE SOURCE sales.customers WITH (format = 'csv', path = 'customers/*.csv');", CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(" ", result.Statements.Select(s => s.Message)));
    }

    [Fact]
    public async Task SourcesPage_AnalystUploadsCsv_SeesResultCountersInferredSchemaAndQuarantine()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await DeployCustomersAsync(ctx);
        ctx.SignIn("sam");
        var cut = ctx.Render<SourcesPage>();
        var card = cut.WaitForTestId("source-sales-customers");
        Assert.Contains("No schema yet", card.TextContent, StringComparison.Ordinal);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("id,name\n1,Ann\n2,Bo,extra\n3,Cy\n", "customers.csv"));

        var result = cut.WaitForTestId("upload-result");
        Assert.Contains("2 rows ingested", result.TextContent.Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("line 3: expected 2 fields, found 3.", result.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", cut.ByTestId("rows-count").TextContent);
        Assert.Equal("1", cut.ByTestId("quarantined-count").TextContent);
        Assert.Contains("Inferred schema", cut.ByTestId("source-sales-customers").TextContent, StringComparison.Ordinal);
        Assert.Contains("INTEGER", cut.ByTestId("source-sales-customers").TextContent, StringComparison.Ordinal);

        cut.ByTestId("quarantine-toggle").Click();
        var quarantine = cut.WaitForTestId("quarantine");
        Assert.Contains("expected 2 fields", quarantine.TextContent, StringComparison.Ordinal);
        Assert.Contains("2,Bo,extra", quarantine.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourcesPage_Consumer_SeesNoSourcesAndNoUpload()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await DeployCustomersAsync(ctx);
        ctx.SignIn("carl");

        var cut = ctx.Render<SourcesPage>();

        cut.WaitForTestId("no-sources");
        Assert.Empty(cut.FindAll("[data-testid='upload-button']"));
        Assert.DoesNotContain("sales.customers", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourcesPage_WrongFileType_ShowsClearErrorAndStoresNothing()
    {
        await using var ctx = await ComponentTestContext.CreateAsync();
        await DeployCustomersAsync(ctx);
        ctx.SignIn("sally");
        var cut = ctx.Render<SourcesPage>();
        cut.WaitForTestId("source-sales-customers");

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("MZ", "tool.exe"));

        Assert.Contains("files ending in .csv", cut.WaitForTestId("message").TextContent, StringComparison.Ordinal);
        Assert.Equal("0", cut.ByTestId("files-count").TextContent);
    }
}
