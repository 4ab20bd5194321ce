using Workflow.Engine.Expressions;
using Workflow.Engine.Model;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Runs one command against one instance: moves tokens until every one waits, joins or ends.
/// Single-threaded and deterministic (FIFO agenda, document order of flows).
/// </summary>
internal sealed partial class Executor : IVariableSource
{
    private readonly EngineOptions _options;
    private readonly ProcessDefinition _def;
    private readonly ProcessInstance _inst;
    private readonly Queue<Token> _agenda = new();
    private readonly DateTimeOffset _now;
    private List<EngineEffect>? _effects;
    private Dictionary<string, object?>? _local;

    public Executor(EngineOptions options, ProcessDefinition def, ProcessInstance inst)
    {
        _options = options;
        _def = def;
        _inst = inst;
        _now = options.Clock.GetUtcNow();
    }

    public DateTimeOffset Now => _now;

    public IReadOnlyList<EngineEffect>? Effects => _effects;

    public bool TryGetVariable(string name, out object? value)
    {
        if (_local is not null && _local.TryGetValue(name, out value))
        {
            return true;
        }
        return _inst.Variables.TryGetValue(name, out value);
    }

    public void Enqueue(Token token)
    {
        token.State = TokenState.Ready;
        _agenda.Enqueue(token);
    }

    /// <summary>Executes queued tokens until the instance is quiet.</summary>
    public void Run()
    {
        do
        {
            while (_agenda.TryDequeue(out var token))
            {
                if (token.State == TokenState.Ready && !IsRemoved(token))
                {
                    Execute(token);
                }
            }
        }
        while (FireInclusiveJoins());
        DetectDeadlocks();
    }

    private void Execute(Token t)
    {
        var node = _def.Nodes[t.Node];
        _options.Listener?.NodeEntered(_inst, node);
        switch (node.Kind)
        {
            case NodeKind.StartEvent:
            case NodeKind.IntermediateThrowEvent:
            case NodeKind.BoundaryEvent:
                Leave(t, node);
                break;
            case NodeKind.EndEvent:
                End(t, node);
                break;
            case NodeKind.ExclusiveGateway:
                Exclusive(t, node);
                break;
            case NodeKind.ParallelGateway:
                Parallel(t, node);
                break;
            case NodeKind.InclusiveGateway:
                Inclusive(t, node);
                break;
            case NodeKind.EventBasedGateway:
                EventGateway(t, node);
                break;
            case NodeKind.IntermediateCatchEvent:
                CatchEvent(t, node);
                break;
            case NodeKind.SubProcess:
                EnterSubProcess(t, node);
                break;
            case NodeKind.CallActivity:
                EnterCallActivity(t, node);
                break;
            default:
                EnterActivity(t, node);
                break;
        }
    }

    /// <summary>Leaves a node by its outgoing flows: unconditional ones, true conditions, else the default.</summary>
    private void Leave(Token t, FlowNode node)
    {
        var outgoing = node.Outgoing;
        if (outgoing.Length == 0)
        {
            RemoveToken(t);
            ScopeMaybeComplete(t.Scope);
            return;
        }
        if (outgoing.Length == 1 && _def.Flows[outgoing[0]].Condition is null)
        {
            Move(t, outgoing[0]);
            return;
        }
        var taken = 0;
        foreach (var f in outgoing)
        {
            var take = Takes(t, node, _def.Flows[f]);
            if (take is null)
            {
                return; // incident raised
            }
            if (take.Value)
            {
                MoveOrSplit(t, f, taken++);
            }
        }
        if (taken == 0)
        {
            if (node.DefaultFlow >= 0)
            {
                Move(t, node.DefaultFlow);
            }
            else
            {
                RaiseIncident(t, node, "no-matching-flow", "no outgoing sequence flow condition is true and there is no default flow");
            }
        }
    }

    /// <summary>Whether a non-default flow is taken: no condition, or a true one; null when the condition failed.</summary>
    private bool? Takes(Token t, FlowNode node, SequenceFlow flow)
    {
        if (flow.IsDefault)
        {
            return false;
        }
        return flow.Condition is null ? true : Evaluate(t, node, flow.Condition);
    }

    private void MoveOrSplit(Token t, int flow, int index)
    {
        if (index == 0)
        {
            Move(t, flow);
            return;
        }
        var copy = NewToken(t.Scope, _def.Flows[flow].Target);
        copy.ArrivedVia = flow;
        Enqueue(copy);
    }

    private void Move(Token t, int flow)
    {
        var f = _def.Flows[flow];
        t.Node = f.Target;
        t.ArrivedVia = flow;
        Enqueue(t);
    }

    private Token NewToken(int scope, int node)
    {
        var token = new Token { Id = _inst.NextId(), Scope = scope, Node = node };
        _inst.Tokens.Add(token);
        return token;
    }

    private void RemoveToken(Token t)
    {
        _inst.Tokens.Remove(t);
        t.State = TokenState.Waiting;
        t.Removed = true; // it may still be queued
    }

    private static bool IsRemoved(Token t) => t.Removed;

    /// <summary>Evaluates a condition; null means it failed and an incident was raised.</summary>
    private bool? Evaluate(Token t, FlowNode node, CompiledExpression expression)
    {
        try
        {
            return expression.EvaluateCondition(this);
        }
        catch (ExpressionException ex)
        {
            RaiseIncident(t, node, "expression-failed", ex.Message);
            return null;
        }
    }

    private object? EvaluateValue(Token t, FlowNode node, CompiledExpression expression, out bool failed)
    {
        failed = false;
        try
        {
            return expression.Evaluate(this);
        }
        catch (ExpressionException ex)
        {
            RaiseIncident(t, node, "expression-failed", ex.Message);
            failed = true;
            return null;
        }
    }

    private void RaiseIncident(Token t, FlowNode node, string code, string message)
    {
        t.State = TokenState.Incident;
        var incident = new Incident { Id = Guid.CreateVersion7(_now), TokenId = t.Id, ElementId = node.Id, Code = code, Message = message, At = _now };
        _inst.Incidents.Add(incident);
        _options.Listener?.IncidentRaised(_inst, incident);
    }

    private void AddEffect(EngineEffect effect) => (_effects ??= []).Add(effect);

    private void SetVariables(IReadOnlyDictionary<string, object?>? values)
    {
        if (values is null)
        {
            return;
        }
        foreach (var (key, value) in values)
        {
            _inst.Variables[key] = value is null || value == JsValues.Undefined ? null : JsValues.Normalize(value);
        }
    }
}
