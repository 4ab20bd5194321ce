namespace Workflow.Engine.Tests;
public class SmokeTests { [Fact] public void Adds() => Assert.Equal(2, 1 + 1); }
