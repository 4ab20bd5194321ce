using Mediator;
using Workflow.Engine.Durable;
using Workflow.Engine.Runtime;

namespace Workflow.Host.Features.Commands;

/// <summary>Carries out the task commands on the durable runtime.</summary>
public sealed class TaskCommandHandler(DurableRuntime runtime) :
    ICommandHandler<ClaimTask, DurableResult<ProcessInstance>>,
    ICommandHandler<UnclaimTask, DurableResult<ProcessInstance>>,
    ICommandHandler<CompleteTask, DurableResult<ProcessInstance>>,
    ICommandHandler<OfferTask, DurableResult<ProcessInstance>>,
    ICommandHandler<AcceptOffer, DurableResult<ProcessInstance>>,
    ICommandHandler<DeclineOffer, DurableResult<ProcessInstance>>,
    ICommandHandler<WithdrawOffer, DurableResult<ProcessInstance>>
{
    /// <inheritdoc />
    public async ValueTask<DurableResult<ProcessInstance>> Handle(ClaimTask command, CancellationToken cancellationToken) =>
        await runtime.ClaimAsync(command.TaskId, command.Actor, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<DurableResult<ProcessInstance>> Handle(UnclaimTask command, CancellationToken cancellationToken) =>
        await runtime.UnclaimAsync(command.TaskId, command.Actor, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<DurableResult<ProcessInstance>> Handle(CompleteTask command, CancellationToken cancellationToken) =>
        await runtime.CompleteAsync(command.TaskId, command.Completion, command.Actor, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<DurableResult<ProcessInstance>> Handle(OfferTask command, CancellationToken cancellationToken) =>
        await runtime.OfferAsync(command.TaskId, command.To, command.Reason, command.Actor, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<DurableResult<ProcessInstance>> Handle(AcceptOffer command, CancellationToken cancellationToken) =>
        await runtime.AcceptOfferAsync(command.TaskId, command.Actor, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<DurableResult<ProcessInstance>> Handle(DeclineOffer command, CancellationToken cancellationToken) =>
        await runtime.DeclineOfferAsync(command.TaskId, command.Reason, command.Actor, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<DurableResult<ProcessInstance>> Handle(WithdrawOffer command, CancellationToken cancellationToken) =>
        await runtime.WithdrawOfferAsync(command.TaskId, command.Actor, cancellationToken);
}
