using Mediator;
using Workflow.Engine.Durable;

namespace Workflow.Host.Features.Commands;

/// <summary>
/// A command the host sends through the mediator to the durable runtime, made by <see cref="Actor"/>. Every one passes
/// <see cref="CommandAudit{TMessage, TResponse}"/>, so refusals are counted and logged in one place.
/// </summary>
/// <typeparam name="T">What a success carries.</typeparam>
public interface IWorkflowCommand<T> : ICommand<DurableResult<T>>, IActorCommand;
