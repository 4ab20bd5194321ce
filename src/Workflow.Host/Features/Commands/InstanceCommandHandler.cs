using Mediator;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;

namespace Workflow.Host.Features.Commands;

/// <summary>Carries out the instance commands on the durable runtime.</summary>
public sealed class InstanceCommandHandler(DurableRuntime runtime) :
    ICommandHandler<StartInstance, DurableResult<ProcessInstance>>,
    ICommandHandler<CancelInstance, DurableResult<ProcessInstance>>,
    ICommandHandler<RetryIncident, DurableResult<ProcessInstance>>,
    ICommandHandler<MigrateInstance, DurableResult<ProcessInstance>>,
    ICommandHandler<ProposeAmendment, DurableResult<Amendment>>,
    ICommandHandler<ApproveAmendment, DurableResult<ProcessInstance>>,
    ICommandHandler<RejectAmendment, DurableResult<ProcessInstance>>,
    ICommandHandler<CorrelateMessage, DurableResult<int>>
{
    /// <inheritdoc />
    public async ValueTask<DurableResult<ProcessInstance>> Handle(StartInstance command, CancellationToken cancellationToken) =>
        await runtime.StartAsync(command.ProcessId, command.Actor, command.Version, command.BusinessKey, command.Variables, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<DurableResult<ProcessInstance>> Handle(CancelInstance command, CancellationToken cancellationToken) =>
        await runtime.CancelAsync(command.InstanceId, command.Actor, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<DurableResult<ProcessInstance>> Handle(RetryIncident command, CancellationToken cancellationToken) =>
        await runtime.RetryIncidentAsync(command.InstanceId, command.IncidentId, command.Actor, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<DurableResult<ProcessInstance>> Handle(MigrateInstance command, CancellationToken cancellationToken) =>
        await runtime.MigrateAsync(command.InstanceId, command.TargetVersion, command.Mapping, command.Actor, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<DurableResult<Amendment>> Handle(ProposeAmendment command, CancellationToken cancellationToken) =>
        await runtime.ProposeAmendmentAsync(command.InstanceId, command.Changes, command.ReasonCode, command.Reason, command.Actor, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<DurableResult<ProcessInstance>> Handle(ApproveAmendment command, CancellationToken cancellationToken) =>
        await runtime.ApproveAmendmentAsync(command.InstanceId, command.AmendmentId, command.Actor, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<DurableResult<ProcessInstance>> Handle(RejectAmendment command, CancellationToken cancellationToken) =>
        await runtime.RejectAmendmentAsync(command.InstanceId, command.AmendmentId, command.ReasonCode, command.Reason, command.Actor, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<DurableResult<int>> Handle(CorrelateMessage command, CancellationToken cancellationToken) =>
        await runtime.CorrelateMessageAsync(command.Name, command.BusinessKey, command.Variables, command.Actor, cancellationToken);
}
