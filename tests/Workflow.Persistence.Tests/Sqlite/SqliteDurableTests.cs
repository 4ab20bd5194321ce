using Workflow.Engine.Tests.Durable;
using Workflow.Engine.Tests.Durable.Accountability;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.Sqlite;

// The engine's durable runtime compliance suites (linked from Workflow.Engine.Tests/Durable) on SQLite:
// each test gets its own file; another node or a restart opens a new context factory on the same file.

public sealed class SqliteDurableRuntimeTests() : DurableRuntimeCompliance(new SqliteDurableStorage());

public sealed class SqliteDurableRuntimeConcurrencyTests() : DurableRuntimeConcurrencyCompliance(new SqliteDurableStorage());

public sealed class SqliteDurableRuntimeMessageTests() : DurableRuntimeMessageCompliance(new SqliteDurableStorage());

public sealed class SqliteDurableRuntimeMigrationTests() : DurableRuntimeMigrationCompliance(new SqliteDurableStorage());

public sealed class SqliteDurableRuntimePoliceFlowTests() : DurableRuntimePoliceFlowCompliance(new SqliteDurableStorage());

public sealed class SqliteTimerExecutorTests() : TimerExecutorCompliance(new SqliteDurableStorage());

public sealed class SqliteTimerJobStoreTests() : TimerJobStoreCompliance(new SqliteDurableStorage());

public sealed class SqliteActorAndOwnershipTests() : ActorAndOwnershipCompliance(new SqliteDurableStorage());

public sealed class SqliteHandoverTests() : HandoverCompliance(new SqliteDurableStorage());

public sealed class SqliteSeparationOfDutiesTests() : SeparationOfDutiesCompliance(new SqliteDurableStorage());

public sealed class SqliteOverrideAndReasonTests() : OverrideAndReasonCompliance(new SqliteDurableStorage());

public sealed class SqliteLockAndAmendmentTests() : LockAndAmendmentCompliance(new SqliteDurableStorage());

public sealed class SqliteDelegationTests() : DelegationCompliance(new SqliteDurableStorage());

public sealed class SqliteTransitionRuleTests() : TransitionRuleCompliance(new SqliteDurableStorage());
