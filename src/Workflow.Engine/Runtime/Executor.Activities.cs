using Workflow.Engine.Activities;
using Workflow.Engine.Expressions;
using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>Tasks: user, receive, service, script and pass-through, single or multi-instance.</summary>
internal sealed partial class Executor
{
    private void EnterActivity(Token t, FlowNode node)
    {
        ArmBoundaries(t, node);
        if (node.Loop is null)
        {
            StartInstance(t, node, -1, null);
            return;
        }
        var total = LoopCount(t, node, out var items);
        if (total < 0)
        {
            return; // incident raised
        }
        t.LoopTotal = total;
        t.LoopStarted = 0;
        t.LoopCompleted = 0;
        if (total == 0)
        {
            LeaveActivity(t, node);
            return;
        }
        StartLoopInstances(t, node, items);
    }

    private int LoopCount(Token t, FlowNode node, out IReadOnlyList<object?>? items)
    {
        items = null;
        var loop = node.Loop!;
        if (loop.Collection is not null)
        {
            var value = EvaluateValue(t, node, loop.Collection, out var failed);
            if (failed)
            {
                return -1;
            }
            if (value is IReadOnlyList<object?> list)
            {
                items = list;
                return list.Count;
            }
            RaiseIncident(t, node, "loop-collection", $"multi-instance collection '{loop.Collection.Source}' is not a list");
            return -1;
        }
        var count = EvaluateValue(t, node, loop.Cardinality!, out var bad);
        if (bad)
        {
            return -1;
        }
        if (count is double d && d >= 0 && d <= 10_000 && Math.Floor(d) == d)
        {
            return (int)d;
        }
        RaiseIncident(t, node, "loop-cardinality", $"loop cardinality '{loop.Cardinality!.Source}' must be a whole number from 0 to 10000");
        return -1;
    }

    private void StartLoopInstances(Token t, FlowNode node, IReadOnlyList<object?>? items)
    {
        // Synchronous kinds complete inside StartInstance; the loop goes on until the token waits or leaves.
        var sequential = node.Loop!.IsSequential;
        while (!IsRemoved(t) && t.Node == node.Index && t.State != TokenState.Incident && t.LoopStarted < t.LoopTotal)
        {
            var index = t.LoopStarted++;
            var local = new Dictionary<string, object?>(StringComparer.Ordinal) { ["loopCounter"] = (double)index };
            if (items is not null && node.Loop.ElementVariable is { } name)
            {
                local[name] = items[index];
            }
            var before = t.LoopCompleted;
            StartInstance(t, node, index, local);
            if (sequential && t.LoopCompleted == before)
            {
                return; // waits for this one before starting the next
            }
        }
    }

    private void StartInstance(Token t, FlowNode node, int loopCounter, Dictionary<string, object?>? local)
    {
        switch (node.Kind)
        {
            case NodeKind.UserTask:
                CreateWorkItem(t, node, loopCounter, local);
                return;
            case NodeKind.ReceiveTask:
                t.State = TokenState.Waiting;
                Subscribe(t, node);
                return;
            case NodeKind.ServiceTask:
                RunService(t, node, local);
                return;
            case NodeKind.ScriptTask:
                RunScript(t, node, local);
                return;
            default:
                InstanceDone(t, node);
                return;
        }
    }

    private void CreateWorkItem(Token t, FlowNode node, int loopCounter, Dictionary<string, object?>? local)
    {
        string? unit = null;
        if (node.Task.Unit is { } unitExpression)
        {
            _local = local;
            var value = EvaluateValue(t, node, unitExpression, out var failed);
            _local = null;
            if (failed)
            {
                return;
            }
            unit = value?.ToString();
        }
        t.State = TokenState.Waiting;
        var item = new WorkItem
        {
            Id = Guid.CreateVersion7(_now),
            TokenId = t.Id,
            Node = node.Index,
            ElementId = node.Id,
            CreatedAt = _now,
            LoopCounter = loopCounter,
            Unit = unit,
            Local = local,
            Assignee = node.Task.Assignee is { } a && !a.Contains("${", StringComparison.Ordinal) ? a : null,
            DueAt = node.Task.Sla?.Breach?.AddTo(_now),
        };
        _inst.Tasks.Add(item);
        _options.Listener?.TaskCreated(_inst, item);
    }

    /// <summary>Completes a human task already validated by <see cref="WorkflowEngine"/>.</summary>
    public void CompleteWorkItem(WorkItem item, TaskCompletion completion, Dictionary<string, object?>? data)
    {
        _inst.Tasks.Remove(item);
        if (data is not null)
        {
            foreach (var (key, value) in data)
            {
                _inst.Variables[key] = value;
            }
        }
        if (completion.Outcome is not null)
        {
            _inst.Variables["outcome"] = completion.Outcome;
        }
        _options.Listener?.TaskCompleted(_inst, item, completion);
        var token = _inst.FindToken(item.TokenId)!;
        InstanceDone(token, _def.Nodes[item.Node]);
    }

    private void RunService(Token t, FlowNode node, Dictionary<string, object?>? local)
    {
        var type = node.Task.ActivityType;
        if (type is null)
        {
            InstanceDone(t, node); // abstract service task: a pass-through step (reported at import)
            return;
        }
        if (!_options.Activities.TryGet(type, out var activity))
        {
            RaiseIncident(t, node, "activity-not-registered", $"no activity is registered for wf:type '{type}'");
            return;
        }
        ActivityResult result;
        _local = local;
        try
        {
            result = activity.Execute(new ActivityContext(_inst.Id, _inst.BusinessKey, node.Id, this, _now));
        }
        catch (Exception ex)
        {
            result = ActivityResult.Failure($"activity '{type}' failed: {ex.Message}");
        }
        finally
        {
            _local = null;
        }
        switch (result.Kind)
        {
            case ActivityResultKind.Completed:
                SetVariables(result.Outputs);
                InstanceDone(t, node);
                break;
            case ActivityResultKind.BpmnError:
                ThrowFromActivity(t, node, result.ErrorCode, result.Message ?? "");
                break;
            default:
                RaiseIncident(t, node, "activity-failed", result.Message ?? "activity failed");
                break;
        }
    }

    private void RunScript(Token t, FlowNode node, Dictionary<string, object?>? local)
    {
        ScriptResult result;
        _local = local;
        try
        {
            result = node.Script!.Execute(this);
        }
        catch (ExpressionException ex)
        {
            RaiseIncident(t, node, "script-failed", ex.Message);
            return;
        }
        finally
        {
            _local = null;
        }
        SetVariables(result.SetVariables);
        if (node.ResultVariable is { } name)
        {
            _inst.Variables[name] = result.Value;
        }
        InstanceDone(t, node);
    }

    /// <summary>One (multi-)instance of the activity finished; leave when the loop is done.</summary>
    private void InstanceDone(Token t, FlowNode node)
    {
        if (node.Loop is null)
        {
            LeaveActivity(t, node);
            return;
        }
        t.LoopCompleted++;
        var done = t.LoopCompleted >= t.LoopTotal;
        if (!done && node.Loop.CompletionCondition is { } condition)
        {
            _local = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["nrOfInstances"] = (double)t.LoopTotal,
                ["nrOfCompletedInstances"] = (double)t.LoopCompleted,
                ["nrOfActiveInstances"] = (double)(t.LoopStarted - t.LoopCompleted),
            };
            var ok = Evaluate(t, node, condition);
            _local = null;
            if (ok is null)
            {
                return;
            }
            done = ok.Value;
        }
        if (done)
        {
            _inst.Tasks.RemoveAll(w => w.TokenId == t.Id); // remaining parallel instances are cancelled
            LeaveActivity(t, node);
        }
        else if (node.Loop.IsSequential && t.State == TokenState.Waiting && t.LoopStarted == t.LoopCompleted)
        {
            var items = node.Loop.Collection is null ? null : EvaluateValue(t, node, node.Loop.Collection, out _) as IReadOnlyList<object?>;
            StartLoopInstances(t, node, items);
        }
    }

    private void LeaveActivity(Token t, FlowNode node)
    {
        if (node.Boundaries.Length > 0)
        {
            DisarmBoundaries(t);
        }
        t.LoopTotal = t.LoopStarted = t.LoopCompleted = 0;
        Leave(t, node);
    }
}
