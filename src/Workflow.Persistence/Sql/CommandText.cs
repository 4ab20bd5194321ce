using System.Data.Common;
using System.Text;

namespace Workflow.Persistence.Sql;

/// <summary>Statements written into one <see cref="DbCommand"/>: its text and its parameters, numbered in order.</summary>
internal sealed class CommandText(DbCommand command) : IStatementText
{
    private readonly StringBuilder _text = new();

    /// <summary>Puts the text written so far into the command.</summary>
    public void Apply() => command.CommandText = _text.ToString();

    public IStatementText Sql(string text)
    {
        _text.Append(text);
        return this;
    }

    public IStatementText Raw<T>(T value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@p" + command.Parameters.Count;
        RawParameter.Set(parameter, value);
        command.Parameters.Add(parameter);
        _text.Append(parameter.ParameterName);
        return this;
    }

    public IStatementText End()
    {
        _text.Append(";\n");
        return this;
    }
}
