using Workflow.Engine.Storage;

namespace Workflow.Engine.Tests.Storage;

public class InMemoryInstanceStoreTests : InstanceStoreCompliance
{
    protected override IInstanceStore CreateStore() => new InMemoryInstanceStore();
}
