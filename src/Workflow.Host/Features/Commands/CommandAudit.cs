using System.Diagnostics;
using Mediator;
using Workflow.Engine.Durable;

namespace Workflow.Host.Features.Commands;

/// <summary>
/// The mediator's pipeline step around every workflow command: counts it by command and result (<c>ok</c> or the
/// refusal's code) in <c>workflow.commands</c>, records its duration in <c>workflow.command.duration</c>, and logs each
/// refusal with the rule, the person and whom they acted for. Repeated refusals of one person are what inspection looks
/// for (someone trying to approve their own work); the ledger records only what happened, not what was refused.
/// </summary>
public sealed class CommandAudit<TMessage, TResponse>(ILogger<CommandAudit<TMessage, TResponse>> logger) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, IActorCommand
    where TResponse : DurableResult
{
    /// <inheritdoc />
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        var result = await next(message, cancellationToken);
        var command = typeof(TMessage).Name;
        var outcome = result.Succeeded ? "ok" : result.Error.Code;
        CommandMetrics.Commands.Add(1, new("command", command), new("result", outcome));
        CommandMetrics.Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("command", command));
        if (!result.Succeeded && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Refused {Command} by {Actor} (acting for {ActingFor}): {Code} [{Rule}] {Message}",
                command, message.Actor.Id, message.Actor.ActingFor, result.Error.Code, result.Error.Rule, result.Error.Message);
        }
        return result;
    }
}
