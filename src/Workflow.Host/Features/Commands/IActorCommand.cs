using Workflow.Engine.Accountability;

namespace Workflow.Host.Features.Commands;

/// <summary>A message made by an actor (what <see cref="CommandAudit{TMessage, TResponse}"/> logs on a refusal).</summary>
public interface IActorCommand
{
    /// <summary>Who makes the command (the signed-in person, or a system component).</summary>
    Actor Actor { get; }
}
