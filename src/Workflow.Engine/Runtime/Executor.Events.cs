using Workflow.Engine.Model;
using Workflow.Engine.Timers;

namespace Workflow.Engine.Runtime;

/// <summary>Timers, messages and boundary events: arming, firing, and the event-based gateway.</summary>
internal sealed partial class Executor
{
    private void ArmBoundaries(Token t, FlowNode node)
    {
        foreach (var b in node.Boundaries)
        {
            var boundary = _def.Nodes[b];
            if (boundary.Event == EventKind.Timer)
            {
                ArmTimer(t, boundary);
            }
            else if (boundary.Event == EventKind.Message)
            {
                Subscribe(t, boundary);
            }
        }
    }

    private void DisarmBoundaries(Token t)
    {
        _inst.Timers.RemoveAll(j => j.TokenId == t.Id);
        _inst.Subscriptions.RemoveAll(s => s.TokenId == t.Id);
    }

    private void ArmTimer(Token t, FlowNode node)
    {
        var timer = node.Timer!;
        _inst.Timers.Add(new TimerJob
        {
            Id = Guid.CreateVersion7(_now),
            Node = node.Index,
            TokenId = t.Id,
            Due = TimerParser.FirstDue(timer, _now),
            Remaining = timer.Type == TimerType.Cycle ? timer.Repetitions : 1,
        });
    }

    private void Subscribe(Token t, FlowNode node) => _inst.Subscriptions.Add(new MessageSubscription
    {
        Id = Guid.CreateVersion7(_now),
        Node = node.Index,
        TokenId = t.Id,
        MessageName = node.MessageName!,
    });

    private void CatchEvent(Token t, FlowNode node)
    {
        t.State = TokenState.Waiting;
        if (node.Event == EventKind.Timer)
        {
            ArmTimer(t, node);
        }
        else
        {
            Subscribe(t, node);
        }
    }

    private void EventGateway(Token t, FlowNode node)
    {
        t.State = TokenState.Waiting;
        foreach (var f in node.Outgoing)
        {
            var target = _def.Nodes[_def.Flows[f].Target];
            if (target.Event == EventKind.Timer)
            {
                ArmTimer(t, target);
            }
            else
            {
                Subscribe(t, target);
            }
        }
    }

    /// <summary>A timer is due: continue the catch event, take the boundary event, or choose the gateway branch.</summary>
    public void FireTimer(TimerJob job)
    {
        var node = _def.Nodes[job.Node];
        var token = _inst.FindToken(job.TokenId)!;
        if (node.Kind == NodeKind.BoundaryEvent && !node.CancelActivity && job.Remaining != 1)
        {
            // A repeating non-interrupting timer stays armed for its next firing.
            job.Remaining = job.Remaining < 0 ? -1 : job.Remaining - 1;
            job.Due = node.Timer!.Duration!.Value.AddTo(job.Due);
        }
        else
        {
            _inst.Timers.Remove(job);
        }
        Trigger(token, node);
    }

    /// <summary>A message arrived for a subscription.</summary>
    public void DeliverMessage(MessageSubscription subscription, IReadOnlyDictionary<string, object?>? variables)
    {
        var node = _def.Nodes[subscription.Node];
        if (node.Kind != NodeKind.BoundaryEvent || node.CancelActivity)
        {
            _inst.Subscriptions.Remove(subscription); // a non-interrupting boundary keeps listening while its activity runs
        }
        SetVariables(variables);
        Trigger(_inst.FindToken(subscription.TokenId)!, node);
    }

    private void Trigger(Token token, FlowNode node)
    {
        if (token.Node != node.Index)
        {
            _options.Listener?.NodeEntered(_inst, node); // a catch event or receive task was entered when the token arrived
        }
        if (node.Kind == NodeKind.BoundaryEvent)
        {
            if (node.CancelActivity)
            {
                Interrupt(token);
                token.Node = node.Index;
                token.State = TokenState.Ready;
                Leave(token, node);
            }
            else
            {
                var branch = NewToken(token.Scope, node.Index);
                Leave(branch, node);
            }
            return;
        }
        if (token.Node != node.Index)
        {
            // Event-based gateway: the first event wins, the other waits are withdrawn.
            DisarmBoundaries(token);
            token.Node = node.Index;
        }
        if (node.Kind == NodeKind.ReceiveTask)
        {
            InstanceDone(token, node);
            return;
        }
        token.State = TokenState.Ready;
        Leave(token, node);
    }

    /// <summary>Cancels whatever a token waits on (tasks, timers, messages, subprocess, called process); the token stays.</summary>
    private void Interrupt(Token t)
    {
        DisarmBoundaries(t);
        _inst.Tasks.RemoveAll(w => w.TokenId == t.Id);
        _inst.Incidents.RemoveAll(i => i.TokenId == t.Id);
        t.LoopTotal = t.LoopStarted = t.LoopCompleted = 0;
        var scope = _inst.Scopes.Find(s => s.OwnerToken == t.Id);
        if (scope is not null)
        {
            CancelScopeContent(scope.Id);
            _inst.Scopes.Remove(scope);
        }
        if (t.ChildInstance is { } child)
        {
            AddEffect(new CancelChildEffect(child));
            t.ChildInstance = null;
        }
    }

    private void CancelScopeContent(int scopeId)
    {
        foreach (var token in _inst.Tokens.Where(x => x.Scope == scopeId).ToList())
        {
            Interrupt(token);
            RemoveToken(token);
        }
    }
}
