using Workflow.Engine.Tests.Durable.Accountability;

namespace Workflow.Engine.Tests.Durable;

// The durable runtime compliance suites on the in-memory stores; Workflow.Persistence.Tests runs them on SQLite and PostgreSQL.

public sealed class InMemoryDurableRuntimeTests() : DurableRuntimeCompliance(new InMemoryDurableStorage());

public sealed class InMemoryDurableRuntimeConcurrencyTests() : DurableRuntimeConcurrencyCompliance(new InMemoryDurableStorage());

public sealed class InMemoryDurableRuntimeMessageTests() : DurableRuntimeMessageCompliance(new InMemoryDurableStorage());

public sealed class InMemoryDurableRuntimeMigrationTests() : DurableRuntimeMigrationCompliance(new InMemoryDurableStorage());

public sealed class InMemoryDurableRuntimePoliceFlowTests() : DurableRuntimePoliceFlowCompliance(new InMemoryDurableStorage());

public sealed class InMemoryTimerExecutorTests() : TimerExecutorCompliance(new InMemoryDurableStorage());

public sealed class InMemoryTimerJobStoreTests() : TimerJobStoreCompliance(new InMemoryDurableStorage());

// The accountability rules (DOMAIN.md §4), allowed and refused paths.

public sealed class InMemoryActorAndOwnershipTests() : ActorAndOwnershipCompliance(new InMemoryDurableStorage());

public sealed class InMemoryHandoverTests() : HandoverCompliance(new InMemoryDurableStorage());

public sealed class InMemorySeparationOfDutiesTests() : SeparationOfDutiesCompliance(new InMemoryDurableStorage());

public sealed class InMemoryOverrideAndReasonTests() : OverrideAndReasonCompliance(new InMemoryDurableStorage());

public sealed class InMemoryLockAndAmendmentTests() : LockAndAmendmentCompliance(new InMemoryDurableStorage());

public sealed class InMemoryDelegationTests() : DelegationCompliance(new InMemoryDurableStorage());

public sealed class InMemoryTransitionRuleTests() : TransitionRuleCompliance(new InMemoryDurableStorage());
