using Workflow.Engine.Durable;
using Workflow.Engine.Storage;

namespace Workflow.Engine.Trace;

/// <summary>
/// Turns the ledger streams of a case into its backward trace (责任倒查). Pure: reads only the entries it is given, so the trace
/// says what the tamper-evident record says, not what the mutable state says now.
/// </summary>
/// <remarks>
/// A step is one task (its id on every entry about it). A value is one field edit on a <c>task-completed</c> entry (or an
/// applied amendment); it stands until the next edit of the same field in the same instance. Its checks are the decisions,
/// while it stood, of steps whose duty is one of <see cref="CheckingDuties"/> and differs from the duty that entered it. A
/// <c>responsibility-shifted</c> entry marks the overriding step and the reviewer's overruled decision: the approver answers.
/// </remarks>
/// <param name="checkingDuties">Duties whose decisions review or approve what others entered (the product's reviewer and approver).</param>
public sealed class CaseTraceBuilder(IEnumerable<string> checkingDuties)
{
    /// <summary>Duties whose decisions count as reviews or approvals of values.</summary>
    public IReadOnlySet<string> CheckingDuties { get; } = checkingDuties.ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Builds the trace of the case made of <paramref name="streams"/> (each instance's entries in stream order; callers before
    /// the instances they called, since a call writes the caller's lines and the called instance's at the same instant).
    /// </summary>
    public CaseTrace Build(IReadOnlyList<TracedStream> streams, TraceFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(streams);
        filter ??= TraceFilter.None;
        // One order across the instances: by time, and within a time by stream and position (a command's lines are in order).
        var entries = streams
            .SelectMany((s, n) => s.Entries.Select((e, p) => (Entry: e, Stream: n, Position: p)))
            .OrderBy(x => x.Entry.At).ThenBy(x => x.Stream).ThenBy(x => x.Position)
            .Select(x => x.Entry)
            .ToList();
        var instances = new List<TraceInstance>();
        var processes = new Dictionary<Guid, string?>();
        var steps = new Dictionary<Guid, StepState>();
        var order = new List<StepState>();
        var values = new List<ValueState>();
        var standing = new Dictionary<(Guid, string), ValueState>();
        var calledFrom = new Dictionary<Guid, (Guid Caller, string? ElementId)>();
        foreach (var entry in entries)
        {
            var data = EntryData.Of(entry);
            switch (entry.Kind)
            {
                case HistoryKinds.Started:
                    processes[entry.InstanceId] = data.String("processId");
                    instances.Add(new TraceInstance(entry.InstanceId, data.String("processId"), data.Int("version"), data.String("businessKey"),
                        data.Guid("parentInstanceId"), entry.At, Person(entry)));
                    break;
                case HistoryKinds.Called when data.Guid("calledInstanceId") is { } called:
                    calledFrom[called] = (entry.InstanceId, entry.ElementId);
                    break;
                case HistoryKinds.TaskCreated when data.Guid("taskId") is { } id:
                    var created = Step(id, entry, processes, steps, order);
                    created.CreatedAt ??= entry.At;
                    created.Assignee = data.String("assignee");
                    break;
                case HistoryKinds.Claimed or HistoryKinds.Unclaimed or HistoryKinds.HandoverOffered or HistoryKinds.HandoverAccepted
                    or HistoryKinds.HandoverDeclined or HistoryKinds.HandoverWithdrawn when data.Guid("taskId") is { } id:
                    Own(Step(id, entry, processes, steps, order), entry, data);
                    break;
                case HistoryKinds.TaskCompleted when data.Guid("taskId") is { } id:
                    var done = Step(id, entry, processes, steps, order);
                    done.Complete(entry, data);
                    Enter(done, done.Edits, entry.InstanceId, done.CompletedBy!, values, standing);
                    break;
                case HistoryKinds.ResponsibilityShifted when data.Guid("taskId") is { } id:
                    Shift(Step(id, entry, processes, steps, order), entry, data, order);
                    break;
                case HistoryKinds.AmendmentProposed when data.Guid("amendmentId") is { } id:
                    var proposed = Step(id, entry, processes, steps, order);
                    proposed.Propose(entry, data);
                    break;
                case HistoryKinds.AmendmentApplied or HistoryKinds.AmendmentRejected when data.Guid("amendmentId") is { } id:
                    var reviewed = Step(id, entry, processes, steps, order);
                    reviewed.Review(entry, data);
                    if (entry.Kind == HistoryKinds.AmendmentApplied)
                    {
                        Enter(reviewed, data.Fields(), entry.InstanceId, reviewed.CompletedBy ?? Person(entry), values, standing);
                    }
                    break;
                default:
                    break;
            }
        }
        AddChecks(order, values);
        // The call activity is named only where both ends of the record agree: the caller's called entry and the instance's started entry.
        instances = instances.Select(i => calledFrom.TryGetValue(i.Id, out var from) && from.Caller == i.ParentId ? i with { CalledFrom = from.ElementId } : i).ToList();
        return Filter(instances, order, values, filter);
    }

    private static StepState Step(Guid id, HistoryEntry entry, Dictionary<Guid, string?> processes, Dictionary<Guid, StepState> steps, List<StepState> order)
    {
        if (!steps.TryGetValue(id, out var step))
        {
            step = new StepState(id, entry.InstanceId, processes.GetValueOrDefault(entry.InstanceId), entry.ElementId, entry.At);
            steps[id] = step;
            order.Add(step);
        }
        return step;
    }

    private static void Own(StepState step, HistoryEntry entry, EntryData data)
    {
        var by = Person(entry);
        switch (entry.Kind)
        {
            case HistoryKinds.Claimed:
                step.Assignee = data.String("assignee") ?? by.OnBehalfOf;
                step.Events.Add(new TraceEvent(entry.Kind, entry.At, by, null, step.Assignee, null));
                break;
            case HistoryKinds.Unclaimed:
                step.Assignee = null;
                step.Events.Add(new TraceEvent(entry.Kind, entry.At, by, data.String("assignee"), null, null));
                break;
            default:
                // The sender stays answerable until the recipient accepts (DOMAIN §4.3).
                if (entry.Kind == HistoryKinds.HandoverAccepted)
                {
                    step.Assignee = data.String("to") ?? by.OnBehalfOf;
                }
                step.Events.Add(new TraceEvent(entry.Kind, entry.At, by, data.String("from"), data.String("to"), data.String("reason")));
                break;
        }
    }

    private static void Enter(StepState step, IReadOnlyList<TraceEdit> edits, Guid instanceId, TracePerson by, List<ValueState> values,
        Dictionary<(Guid, string), ValueState> standing)
    {
        foreach (var edit in edits)
        {
            if (standing.TryGetValue((instanceId, edit.Name), out var previous))
            {
                previous.ReplacedAt = step.CompletedAt;
            }
            var value = new ValueState(edit.Name, step, by, edit);
            standing[(instanceId, edit.Name)] = value;
            values.Add(value);
        }
    }

    /// <summary>The overriding step owns the outcome; the reviewer's latest matching decision before it is marked overruled.</summary>
    private static void Shift(StepState overriding, HistoryEntry entry, EntryData data, List<StepState> order)
    {
        var shift = new TraceOverride(entry.InstanceId, entry.ElementId, overriding.Id, entry.At, data.String("from"), data.String("fromStep"),
            data.String("fromOutcome"), data.String("to"), data.String("reasonCode"), data.String("reason"));
        overriding.Override = shift;
        overriding.Basis = TraceAnswerable.Override;
        overriding.Answerable = shift.To ?? overriding.CompletedBy?.OnBehalfOf;
        var reviewer = order.LastOrDefault(s => s != overriding && s.CompletedAt is { } at && at <= entry.At && s.ElementId == shift.FromStep
            && (shift.FromOutcome is null || s.Outcome == shift.FromOutcome));
        if (reviewer is not null)
        {
            reviewer.Override = shift;
            reviewer.Basis = TraceAnswerable.Overridden;
            reviewer.Answerable = overriding.Answerable;
        }
    }

    private void AddChecks(List<StepState> steps, List<ValueState> values)
    {
        foreach (var step in steps.Where(s => s.CompletedAt is not null && s.Kind == "task" && s.Duty is { } d && CheckingDuties.Contains(d)))
        {
            foreach (var value in values)
            {
                if (value.Step != step && value.Step.Duty != step.Duty && value.At <= step.CompletedAt
                    && (value.ReplacedAt is null || value.ReplacedAt > step.CompletedAt))
                {
                    value.Checks.Add(new TraceCheck(step.InstanceId, step.ElementId, step.Id, step.Duty, step.CompletedAt!.Value, step.CompletedBy!,
                        step.Outcome, step.Forward, step.ReasonCode, step.Reason, step.Answerable, step.Basis));
                }
            }
        }
        // An amendment is reviewed again by whoever approved it: that approval checks the values it applied.
        foreach (var value in values.Where(v => v.Step.Kind == "amendment" && v.Step.ApprovedBy is not null))
        {
            var step = value.Step;
            value.Checks.Insert(0, new TraceCheck(step.InstanceId, null, step.Id, null, step.CompletedAt!.Value, step.ApprovedBy!, step.Outcome, true,
                null, null, step.ApprovedBy!.OnBehalfOf, TraceAnswerable.Completed));
        }
    }

    private static CaseTrace Filter(List<TraceInstance> instances, List<StepState> steps, List<ValueState> values, TraceFilter filter)
    {
        IEnumerable<ValueState> kept = values;
        IEnumerable<StepState> shown = steps;
        if (filter.Step is { } step)
        {
            var matching = steps.Where(s => s.ElementId == step || s.Id.ToString() == step).ToHashSet();
            shown = shown.Where(matching.Contains);
            kept = kept.Where(v => matching.Contains(v.Step));
        }
        if (filter.Field is { } field)
        {
            kept = kept.Where(v => v.Name == field).ToList();
            // The steps that entered or checked the field's values.
            var involved = kept.SelectMany(v => v.Checks.Select(c => c.TaskId).Append(v.Step.Id)).ToHashSet();
            shown = shown.Where(s => involved.Contains(s.Id));
        }
        var fields = kept
            .GroupBy(v => v.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TraceField(g.Key, g.Select(v => v.ToValue()).ToList()))
            .ToList();
        return new CaseTrace(instances, shown.Select(s => s.ToStep()).ToList(), fields, filter);
    }

    private static TracePerson Person(HistoryEntry entry) => new(entry.Actor ?? "", entry.Role, entry.Unit, entry.ActingFor);

    /// <summary>A step as the entries so far describe it.</summary>
    private sealed class StepState(Guid id, Guid instanceId, string? processId, string? elementId, DateTimeOffset firstSeen)
    {
        public Guid Id { get; } = id;
        public Guid InstanceId { get; } = instanceId;
        public string? ElementId { get; } = elementId;
        public string Kind { get; set; } = "task";
        public string? Duty { get; private set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? CompletedAt { get; private set; }
        public TracePerson? CompletedBy { get; private set; }
        public TracePerson? ApprovedBy { get; private set; }
        public string? Outcome { get; private set; }
        public bool? Forward { get; private set; }
        public string? ReasonCode { get; private set; }
        public string? Reason { get; private set; }
        public IReadOnlyList<TraceEdit> Edits { get; private set; } = [];
        public List<TraceEvent> Events { get; } = [];
        public string? Assignee { get; set; }
        public string? Answerable { get; set; }
        public string Basis { get; set; } = TraceAnswerable.Unclaimed;
        public TraceOverride? Override { get; set; }

        public void Complete(HistoryEntry entry, EntryData data)
        {
            CompletedAt = entry.At;
            CompletedBy = Person(entry);
            Duty = data.String("duty");
            Outcome = entry.Outcome ?? data.String("outcome");
            Forward = data.Bool("forward");
            ReasonCode = data.String("reasonCode");
            Reason = data.String("reason");
            Edits = data.Fields();
            // An override recorded right after this line changes the basis again.
            Answerable = CompletedBy.OnBehalfOf;
            Basis = TraceAnswerable.Completed;
        }

        public void Propose(HistoryEntry entry, EntryData data)
        {
            Kind = "amendment";
            CreatedAt = entry.At;
            CompletedBy = Person(entry);
            ReasonCode = data.String("reasonCode");
            Reason = data.String("reason");
            Edits = data.Fields();
            Answerable = CompletedBy.OnBehalfOf;
            Basis = TraceAnswerable.Completed;
        }

        public void Review(HistoryEntry entry, EntryData data)
        {
            Kind = "amendment";
            CompletedAt = entry.At;
            ApprovedBy = Person(entry);
            Outcome = entry.Outcome;
            Forward = entry.Kind == HistoryKinds.AmendmentApplied;
            if (!Forward.Value)
            {
                ReasonCode = data.String("reasonCode");
                Reason = data.String("reason");
            }
            CompletedBy ??= new TracePerson(data.String("proposedBy") ?? "", null, null, null);
            Answerable ??= CompletedBy.OnBehalfOf;
            Basis = TraceAnswerable.Completed;
        }

        public TraceStep ToStep() => new()
        {
            InstanceId = InstanceId,
            ProcessId = processId,
            ElementId = ElementId,
            TaskId = Id,
            Kind = Kind,
            Duty = Duty,
            CreatedAt = CreatedAt ?? firstSeen,
            CompletedAt = CompletedAt,
            CompletedBy = CompletedBy,
            Outcome = Outcome,
            Forward = Forward,
            ReasonCode = ReasonCode,
            Reason = Reason,
            Edits = Edits,
            Events = Events,
            ApprovedBy = ApprovedBy,
            Answerable = CompletedAt is null && Kind == "task" ? Assignee : Answerable,
            AnswerableBasis = CompletedAt is null && Kind == "task" ? (Assignee is null ? TraceAnswerable.Unclaimed : TraceAnswerable.Assignee) : Basis,
            Override = Override,
        };
    }

    /// <summary>A value as entered, with the checks found for it.</summary>
    private sealed class ValueState(string name, StepState step, TracePerson by, TraceEdit edit)
    {
        public string Name { get; } = name;
        public StepState Step { get; } = step;
        public DateTimeOffset At { get; } = step.CompletedAt ?? step.CreatedAt ?? default;
        public DateTimeOffset? ReplacedAt { get; set; }
        public List<TraceCheck> Checks { get; } = [];

        public TraceValue ToValue() => new()
        {
            InstanceId = Step.InstanceId,
            Step = Step.ElementId,
            TaskId = Step.Id,
            Source = Step.Kind,
            Duty = Step.Duty,
            At = At,
            EnteredBy = by,
            Before = edit.Before,
            After = edit.After,
            ReplacedAt = ReplacedAt,
            Checks = Checks,
            Answerable = by.OnBehalfOf,
        };
    }
}
