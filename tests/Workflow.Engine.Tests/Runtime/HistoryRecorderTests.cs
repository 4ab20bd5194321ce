using Workflow.Engine.Accountability;
using Workflow.Engine.Durable;

namespace Workflow.Engine.Tests.Runtime;

public sealed class HistoryRecorderTests
{
    private static readonly Guid Case = Guid.CreateVersion7();
    private static readonly Guid Other = Guid.CreateVersion7();

    /// <summary>A recorder holding <paramref name="lines"/> (instance, kind, element), in order.</summary>
    private static HistoryRecorder Recorder(params (Guid Instance, string Kind, string Element)[] lines)
    {
        var history = new HistoryRecorder(TimeProvider.System, Actor.Person("li.call", ["call-taker"]));
        foreach (var (instance, kind, element) in lines)
        {
            history.Add(instance, kind, element);
        }
        return history;
    }

    [Fact]
    public void TakeEntered_TakesOnlyTheInstancesEnteredLinesDirectlyBeforeTheEnd()
    {
        var history = Recorder((Case, HistoryKinds.Entered, "s"), (Other, HistoryKinds.Entered, "elsewhere"), (Case, HistoryKinds.Entered, "x"),
            (Case, HistoryKinds.Entered, "call"));

        var taken = history.TakeEntered(Case);

        Assert.Equal(["x", "call"], taken.Select(l => l.ElementId));
        Assert.Equal(["s", "elsewhere"], history.Entries.Select(l => l.ElementId)); // another instance's line ends the run
        Assert.Equal(["x"], HistoryRecorder.EnteredBefore(taken, "call")); // the line's own element is not listed again
        Assert.Equal(["x", "call"], HistoryRecorder.EnteredBefore(taken, null));
        Assert.Null(HistoryRecorder.EnteredBefore([], "call"));
    }

    [Fact]
    public void TakeEntered_TakesNothingFromBeforeTheLastMark()
    {
        var history = Recorder((Case, HistoryKinds.Entered, "s"));
        _ = history.Mark;

        Assert.Empty(history.TakeEntered(Case));
        Assert.Single(history.Entries);
    }

    [Fact]
    public void Restore_AfterARollback_GivesBackTheLinesInTheirOrder_WhenTheLineThatTookThemIsDropped()
    {
        // What the durable runtime does when a called instance fails to start: its "called" line goes, the entered lines come back.
        var history = Recorder((Case, HistoryKinds.TaskCompleted, "A"), (Case, HistoryKinds.Entered, "x"), (Case, HistoryKinds.Entered, "call"));
        var before = history.Entries.ToList();

        var taken = history.TakeEntered(Case);
        var mark = history.Mark;
        history.Add(Case, HistoryKinds.Called, "call");
        history.RollbackTo(mark);
        history.Restore(taken);

        Assert.Equal(before, history.Entries);
    }
}
