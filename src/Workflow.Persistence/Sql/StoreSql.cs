using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Tasks;
using Workflow.Persistence.Timers;

namespace Workflow.Persistence.Sql;

/// <summary>The tables the instance store writes with its own statements, built once per model (one per provider).</summary>
internal sealed class StoreSql
{
    private static readonly ConditionalWeakTable<IModel, StoreSql> Cache = [];

    private StoreSql(IModel model, ISqlGenerationHelper sql)
    {
        Instances = new TableSql(model, typeof(InstanceRow), sql);
        Tasks = new TableSql(model, typeof(TaskRow), sql);
        Candidates = new TableSql(model, typeof(TaskCandidateRow), sql);
        Timers = new TableSql(model, typeof(TimerRow), sql);
    }

    public TableSql Instances { get; }
    public TableSql Tasks { get; }
    public TableSql Candidates { get; }
    public TableSql Timers { get; }

    /// <summary>The statements' tables for this context's model; pooled contexts share one model, so this is built once.</summary>
    public static StoreSql For(WorkflowDbContext db) =>
        Cache.GetValue(db.Model, model => new StoreSql(model, db.GetService<ISqlGenerationHelper>()));
}
