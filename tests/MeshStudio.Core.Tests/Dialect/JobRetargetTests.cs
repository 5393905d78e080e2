using MeshStudio.Core.Dialect;
using MeshStudio.Core.Products;

namespace MeshStudio.Core.Tests.Dialect;

public class JobRetargetTests
{
    [Fact]
    public void Retarget_CreateJobInAScript_ReplacesOnlyTheTargetName()
    {
        const string script = "CREATE SOURCE sales.x (a VARCHAR);\nCREATE JOB sales.totals_job WITH (run_interval = '1 minute') AS\n" +
            "INSERT INTO  sales . totals KEY (a)\nSELECT a FROM sales.totals_in";
        var job = MeshSqlParser.ParseScript(script).Statements.OfType<CreateJobStatement>().Single();

        var text = job.Retarget(new QualifiedName("sales", "totals_v2"));

        Assert.Equal("CREATE JOB sales.totals_job WITH (run_interval = '1 minute') AS\nINSERT INTO  sales.totals_v2 KEY (a)\n" +
            "SELECT a FROM sales.totals_in", text);
        Assert.Equal(new QualifiedName("sales", "totals_v2"), Assert.IsType<CreateJobStatement>(MeshSqlParser.Parse(text)).Target);
    }

    [Fact]
    public void Retarget_AlterJob_StaysAnAlterOfTheSameJob()
    {
        var alter = Assert.IsType<AlterJobStatement>(MeshSqlParser.Parse("ALTER JOB sales.t_job AS INSERT INTO sales.t SELECT 1 AS a"));

        var text = alter.Job.Retarget(new QualifiedName("sales", "t_v3"));

        var again = Assert.IsType<AlterJobStatement>(MeshSqlParser.Parse(text));
        Assert.Equal(("sales.t_job", "sales.t_v3"), (again.Name.ToString(), again.Job.Target.ToString()));
        Assert.Equal("CREATE JOB sales.t_job AS INSERT INTO sales.t_v3 SELECT 1 AS a", again.Definition);
    }
}
