using Workflow.Engine.Tests.Durable;
using Workflow.Engine.Tests.Durable.Accountability;
using Workflow.Persistence.Tests.Support;

namespace Workflow.Persistence.Tests.PostgreSql;

// The engine's durable runtime compliance suites (linked from Workflow.Engine.Tests/Durable) on PostgreSQL:
// each class gets its own database (PostgresDatabaseFixture), emptied before each test; another node or a
// restart opens a new context factory on it. Skipped without WORKFLOW_POSTGRES; failed without it under CI=true.

public sealed class PostgreSqlDurableRuntimeTests(PostgresDatabaseFixture database)
    : DurableRuntimeCompliance(new PostgresDurableStorage(database)), IClassFixture<PostgresDatabaseFixture>;

public sealed class PostgreSqlDurableRuntimeConcurrencyTests(PostgresDatabaseFixture database)
    : DurableRuntimeConcurrencyCompliance(new PostgresDurableStorage(database)), IClassFixture<PostgresDatabaseFixture>;

public sealed class PostgreSqlDurableRuntimeMessageTests(PostgresDatabaseFixture database)
    : DurableRuntimeMessageCompliance(new PostgresDurableStorage(database)), IClassFixture<PostgresDatabaseFixture>;

public sealed class PostgreSqlDurableRuntimeMigrationTests(PostgresDatabaseFixture database)
    : DurableRuntimeMigrationCompliance(new PostgresDurableStorage(database)), IClassFixture<PostgresDatabaseFixture>;

public sealed class PostgreSqlDurableRuntimePoliceFlowTests(PostgresDatabaseFixture database)
    : DurableRuntimePoliceFlowCompliance(new PostgresDurableStorage(database)), IClassFixture<PostgresDatabaseFixture>;

public sealed class PostgreSqlTimerExecutorTests(PostgresDatabaseFixture database)
    : TimerExecutorCompliance(new PostgresDurableStorage(database)), IClassFixture<PostgresDatabaseFixture>;

public sealed class PostgreSqlTimerJobStoreTests(PostgresDatabaseFixture database)
    : TimerJobStoreCompliance(new PostgresDurableStorage(database)), IClassFixture<PostgresDatabaseFixture>;

public sealed class PostgreSqlActorAndOwnershipTests(PostgresDatabaseFixture database)
    : ActorAndOwnershipCompliance(new PostgresDurableStorage(database)), IClassFixture<PostgresDatabaseFixture>;

public sealed class PostgreSqlHandoverTests(PostgresDatabaseFixture database)
    : HandoverCompliance(new PostgresDurableStorage(database)), IClassFixture<PostgresDatabaseFixture>;

public sealed class PostgreSqlSeparationOfDutiesTests(PostgresDatabaseFixture database)
    : SeparationOfDutiesCompliance(new PostgresDurableStorage(database)), IClassFixture<PostgresDatabaseFixture>;

public sealed class PostgreSqlOverrideAndReasonTests(PostgresDatabaseFixture database)
    : OverrideAndReasonCompliance(new PostgresDurableStorage(database)), IClassFixture<PostgresDatabaseFixture>;

public sealed class PostgreSqlLockAndAmendmentTests(PostgresDatabaseFixture database)
    : LockAndAmendmentCompliance(new PostgresDurableStorage(database)), IClassFixture<PostgresDatabaseFixture>;

public sealed class PostgreSqlDelegationTests(PostgresDatabaseFixture database)
    : DelegationCompliance(new PostgresDurableStorage(database)), IClassFixture<PostgresDatabaseFixture>;

public sealed class PostgreSqlTransitionRuleTests(PostgresDatabaseFixture database)
    : TransitionRuleCompliance(new PostgresDurableStorage(database)), IClassFixture<PostgresDatabaseFixture>;
