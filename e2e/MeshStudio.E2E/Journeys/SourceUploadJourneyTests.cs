using System.Text;
using MeshStudio.Application.Execution;
using MeshStudio.Catalog.Identity;
using MeshStudio.E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeshStudio.E2E.Journeys;

/// <summary>An analyst uploads a CSV to a file source on the Sources page and sees progress, the result and the quarantine.</summary>
[Collection(LiveAppCollection.Name)]
public class SourceUploadJourneyTests(LiveApp app)
{
    [Fact]
    public async Task SourcesPage_AnalystUploadsCsv_SeesResultAndQuarantinedRow()
    {
        var analystContext = (await app.Services.GetRequiredService<UserContextLoader>().LoadByUserNameAsync("sales.analyst", default))!;
        var deployed = await app.Services.GetRequiredService<PipelineDeployer>().DeployAsync(analystContext, "sales",
            "CREATE SOURCE sales.store_visits WITH (format = 'csv', path = 'visits/*.csv');", default);
        Assert.True(deployed.Succeeded, string.Join("; ", deployed.Statements.Select(s => s.Message)));
        await using var analyst = await UserSession.SignInAsync(app, "sales.analyst");

        await analyst.GoToAsync("/sources");
        var card = analyst.Page.GetByTestId("source-sales-store_visits");
        await Expect(card).ToContainTextAsync("No schema yet");
        var csv = new StringBuilder("store,visitors,day\n");
        for (var i = 0; i < 2000; i++)
            csv.Append('s').Append(i % 7).Append(',').Append(i).Append(",2026-03-01\n");
        csv.Append("s9,many,2026-03-02,extra\n");
        await card.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "visits.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv.ToString()),
        });

        var result = card.GetByTestId("upload-result");
        await Expect(result).ToContainTextAsync("2000 rows ingested", new() { Timeout = 30_000 });
        await Expect(result).ToContainTextAsync("line 2002: expected 3 fields, found 4.");
        await Expect(card.GetByTestId("rows-count")).ToHaveTextAsync("2,000");
        await card.GetByTestId("quarantine-toggle").ClickAsync();
        await Expect(card.GetByTestId("quarantine")).ToContainTextAsync("s9,many");
        await Expect(analyst.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await analyst.ScreenshotAsync("sources-upload-sales-analyst");
    }
}
