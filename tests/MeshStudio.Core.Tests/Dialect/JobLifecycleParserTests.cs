using MeshStudio.Core.Dialect;
using MeshStudio.Core.Execution;

namespace MeshStudio.Core.Tests.Dialect;

public class JobLifecycleParserTests
{
    private const string Alter = """
        ALTER JOB sales.revenue_5m WITH (run_interval = '10 seconds') AS
        INSERT INTO sales.revenue_by_country KEY (country)
        SELECT country, sum(amount) AS revenue FROM sales.orders GROUP BY ALL
        WITH EXPECTATION positive_amount EXPECT amount >= 0 ON VIOLATION DROP
        """;

    [Fact]
    public void Parse_AlterJob_ReadsTheSameShapeAsCreateJob()
    {
        var alter = Assert.IsType<AlterJobStatement>(MeshSqlParser.Parse(Alter));

        Assert.Equal("sales.revenue_5m", alter.Name.ToString());
        Assert.Equal("sales.revenue_by_country", alter.Job.Target.ToString());
        Assert.Equal(["country"], alter.Job.KeyColumns);
        Assert.Equal(TimeSpan.FromSeconds(10), alter.Job.RunInterval);
        Assert.Equal("positive_amount", Assert.Single(alter.Job.Expectations).Name);
        Assert.Equal(Alter.IndexOf("SELECT", StringComparison.Ordinal), alter.Job.QueryOffset);
    }

    [Fact]
    public void Parse_AlterJob_DefinitionIsTheCreateJobItReplaces()
    {
        var alter = Assert.IsType<AlterJobStatement>(MeshSqlParser.Parse("alter job sales.j as insert into sales.p select 1 as x"));

        Assert.Equal("CREATE job sales.j as insert into sales.p select 1 as x", alter.Definition);
        var create = Assert.IsType<CreateJobStatement>(MeshSqlParser.Parse(alter.Definition));
        Assert.Equal((alter.Name, alter.Job.Target, alter.Job.Query), (create.Name, create.Target, create.Query));
    }

    [Fact]
    public void ToAlterPosition_ShiftsFirstLineColumnsAfterTheHeadOnly()
    {
        Assert.Equal(new SqlError("e", 1, 41), AlterJobStatement.ToAlterPosition(new SqlError("e", 1, 42)));
        Assert.Equal(new SqlError("e", 2, 42), AlterJobStatement.ToAlterPosition(new SqlError("e", 2, 42)));
        Assert.Equal(new SqlError("e", 1, 1), AlterJobStatement.ToAlterPosition(new SqlError("e", 1, 1)));
        Assert.Equal(new SqlError("e"), AlterJobStatement.ToAlterPosition(new SqlError("e")));
    }

    [Fact]
    public void Parse_AlterJobIntoOtherDomain_ReportsPositionOfTarget()
    {
        var ex = Assert.Throws<SqlException>(() => MeshSqlParser.Parse("ALTER JOB sales.j AS\nINSERT INTO marketing.p SELECT 1"));

        Assert.Contains("own domain", ex.Error.Message, StringComparison.Ordinal);
        Assert.Equal((2, 23), (ex.Error.Line!.Value, ex.Error.Column!.Value));
    }

    [Fact]
    public void Parse_AlterJobWithoutSelect_ReportsWhatWasExpected()
    {
        var ex = Assert.Throws<SqlException>(() => MeshSqlParser.Parse("ALTER JOB sales.j AS SELECT 1"));

        Assert.Equal("Expected INSERT, found 'SELECT'.", ex.Error.Message);
        Assert.Equal((1, 22), (ex.Error.Line!.Value, ex.Error.Column!.Value));
    }

    [Fact]
    public void Parse_AlterJobBadInterval_ReportsAtTheStatement()
    {
        var ex = Assert.Throws<SqlException>(() => MeshSqlParser.Parse("SELECT 1;\n  ALTER JOB sales.j WITH (run_interval = 'often') AS INSERT INTO sales.p SELECT 1"));

        Assert.Equal("run_interval 'often' is not an interval such as '10 seconds'.", ex.Error.Message);
        Assert.Equal((2, 3), (ex.Error.Line!.Value, ex.Error.Column!.Value));
    }

    [Fact]
    public void Parse_DropJob_ReadsNameAndIfExists()
    {
        var drop = Assert.IsType<DropJobStatement>(MeshSqlParser.Parse("DROP JOB sales.revenue_5m"));
        var ifExists = Assert.IsType<DropJobStatement>(MeshSqlParser.Parse("drop job if exists sales.old_job"));

        Assert.Equal(("sales.revenue_5m", false), (drop.Name.ToString(), drop.IfExists));
        Assert.Equal(("sales.old_job", true), (ifExists.Name.ToString(), ifExists.IfExists));
    }

    [Theory]
    [InlineData("DROP JOB revenue_5m", "Name the job with its domain, e.g. sales.revenue_5m.", 10)]
    [InlineData("DROP JOB sales.j CASCADE", "Unexpected 'CASCADE' at the end of the statement.", 18)]
    [InlineData("DROP JOB IF sales.j", "Expected EXISTS, found 'sales'.", 13)]
    [InlineData("DROP JOB", "Expected a job name as domain.name, found the end of the statement.", 9)]
    public void Parse_BadDropJob_ReportsErrorAtItsPosition(string sql, string message, int column)
    {
        var ex = Assert.Throws<SqlException>(() => MeshSqlParser.Parse(sql));

        Assert.Equal(message, ex.Error.Message);
        Assert.Equal((1, column), (ex.Error.Line!.Value, ex.Error.Column!.Value));
    }

    [Fact]
    public void ParseScript_MixesDropAlterAndOtherDropsInOrder()
    {
        var script = MeshSqlParser.ParseScript(
            "DROP JOB sales.old;\nALTER JOB sales.j AS INSERT INTO sales.p SELECT 1;\nDROP TABLE t");

        Assert.True(script.Succeeded);
        Assert.IsType<DropJobStatement>(script.Statements[0]);
        var alter = Assert.IsType<AlterJobStatement>(script.Statements[1]);
        Assert.IsType<QueryStatement>(script.Statements[2]);
        Assert.Equal(20, alter.ScriptOffset);
        Assert.StartsWith("ALTER JOB sales.j", alter.Text, StringComparison.Ordinal);
    }
}
