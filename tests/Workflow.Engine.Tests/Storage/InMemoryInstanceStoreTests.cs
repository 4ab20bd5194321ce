using Workflow.Engine.Storage;

namespace Workflow.Engine.Tests.Storage;

public class InMemoryInstanceStoreTests : InstanceStoreCompliance
{
    protected override Task<IInstanceStore> CreateStoreAsync() => Task.FromResult<IInstanceStore>(new InMemoryInstanceStore());
}
