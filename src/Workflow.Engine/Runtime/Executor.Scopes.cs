using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>Scopes: embedded subprocesses, call activities, end events, errors, termination and cancellation.</summary>
internal sealed partial class Executor
{
    private void EnterSubProcess(Token t, FlowNode node)
    {
        ArmBoundaries(t, node);
        t.State = TokenState.Waiting;
        var scope = new ScopeInstance { Id = _inst.NextId(), Node = node.Index, ParentScope = t.Scope, OwnerToken = t.Id };
        _inst.Scopes.Add(scope);
        Enqueue(NewToken(scope.Id, node.StartNode));
    }

    private void EnterCallActivity(Token t, FlowNode node)
    {
        ArmBoundaries(t, node);
        t.State = TokenState.Waiting;
        var child = Guid.CreateVersion7(_now);
        t.ChildInstance = child;
        (_inst.Called ??= []).Add(child);
        AddEffect(new StartChildEffect(child, _inst.Id, t.Id, node.CalledElement!, Map(_inst.Variables, node.InMappings), _inst.BusinessKey));
    }

    /// <summary>The called process completed: copy its variables back and go on.</summary>
    public void CompleteCallActivity(Token t, IReadOnlyDictionary<string, object?> childVariables)
    {
        var node = _def.Nodes[t.Node];
        foreach (var (key, value) in Map(childVariables, node.OutMappings))
        {
            _inst.Variables[key] = value;
        }
        t.ChildInstance = null;
        LeaveActivity(t, node);
    }

    /// <summary>The called process ended with an uncaught error: handle it at the call activity.</summary>
    public void FailCallActivity(Token t, string? errorCode, string message)
    {
        t.ChildInstance = null;
        ThrowFromActivity(t, _def.Nodes[t.Node], errorCode, message);
    }

    private static Dictionary<string, object?> Map(IReadOnlyDictionary<string, object?> source, IReadOnlyList<VariableMapping>? mappings)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (mappings is null)
        {
            foreach (var (key, value) in source)
            {
                result[key] = value;
            }
            return result;
        }
        foreach (var m in mappings)
        {
            if (source.TryGetValue(m.Source, out var value))
            {
                result[m.Target] = value;
            }
        }
        return result;
    }

    private void End(Token t, FlowNode node)
    {
        switch (node.Event)
        {
            case EventKind.Terminate:
                RemoveToken(t);
                CancelScopeContent(t.Scope);
                ScopeMaybeComplete(t.Scope);
                break;
            case EventKind.Error:
                RemoveToken(t);
                ThrowFromScope(t, node, t.Scope, node.ErrorCode, $"error end event '{node.Id}' reached");
                break;
            default:
                RemoveToken(t);
                ScopeMaybeComplete(t.Scope);
                break;
        }
    }

    /// <summary>When a scope has no token left it completes: a subprocess leaves, the process ends.</summary>
    private void ScopeMaybeComplete(int scopeId)
    {
        foreach (var token in _inst.Tokens)
        {
            if (token.Scope == scopeId)
            {
                return;
            }
        }
        if (scopeId == 0)
        {
            EndInstance(InstanceStatus.Completed);
            if (_inst.ParentInstanceId is { } parent)
            {
                AddEffect(new ChildCompletedEffect(parent, _inst.ParentTokenId, _inst.Id, _inst.Variables));
            }
            return;
        }
        var scope = _inst.Scopes.Find(s => s.Id == scopeId)!;
        _inst.Scopes.Remove(scope);
        var owner = _inst.FindToken(scope.OwnerToken)!;
        LeaveActivity(owner, _def.Nodes[owner.Node]);
    }

    /// <summary>An activity raised a BPMN error: its own error boundary first, then the enclosing scopes.</summary>
    private void ThrowFromActivity(Token t, FlowNode node, string? code, string message)
    {
        if (FindErrorBoundary(node, code) is { } boundary)
        {
            Trigger(t, boundary);
            return;
        }
        // Unhandled here: the activity's token takes part in the scope's fate like an error end event.
        Interrupt(t);
        RemoveToken(t);
        ThrowFromScope(t, node, t.Scope, code, message);
    }

    private void ThrowFromScope(Token origin, FlowNode thrower, int scopeId, string? code, string message)
    {
        while (scopeId != 0)
        {
            var scope = _inst.Scopes.Find(s => s.Id == scopeId)!;
            var owner = _inst.FindToken(scope.OwnerToken)!;
            if (FindErrorBoundary(_def.Nodes[scope.Node], code) is { } boundary)
            {
                Trigger(owner, boundary);
                return;
            }
            scopeId = scope.ParentScope;
        }
        if (_inst.ParentInstanceId is { } parent)
        {
            CancelScopeContent(0);
            EndInstance(InstanceStatus.Failed);
            AddEffect(new ChildFailedEffect(parent, _inst.ParentTokenId, _inst.Id, code, message));
            return;
        }
        // Nobody catches it: keep the token where it was thrown, visibly stopped.
        origin.Removed = false;
        origin.Node = thrower.Index;
        _inst.Tokens.Add(origin);
        RaiseIncident(origin, thrower, "uncaught-error", $"error '{code ?? "(any)"}' was not caught by any boundary event: {message}");
    }

    private FlowNode? FindErrorBoundary(FlowNode host, string? code)
    {
        FlowNode? catchAll = null;
        foreach (var b in host.Boundaries)
        {
            var boundary = _def.Nodes[b];
            if (boundary.Event != EventKind.Error)
            {
                continue;
            }
            if (boundary.ErrorCode is null)
            {
                catchAll ??= boundary;
            }
            else if (boundary.ErrorCode == code)
            {
                return boundary;
            }
        }
        return catchAll;
    }

    /// <summary>Cancels the whole instance.</summary>
    public void Cancel()
    {
        CancelScopeContent(0);
        _inst.Scopes.Clear();
        EndInstance(InstanceStatus.Cancelled);
    }

    private void EndInstance(InstanceStatus status)
    {
        _inst.Status = status;
        _inst.EndedAt = _now;
        _inst.Timers.Clear();
        _inst.Subscriptions.Clear();
        _inst.Tasks.Clear();
        _options.Listener?.InstanceEnded(_inst);
    }
}
