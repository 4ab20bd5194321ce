using System.Text;
using System.Text.Json;
using Workflow.Activities.CodeLists;

namespace Workflow.Activities.Tests.Catalogue;

public class CodeListCatalogueTests
{
    [Theory]
    [InlineData(CodeListIds.Channel, 5)]
    [InlineData(CodeListIds.Nature, 12)]
    [InlineData(CodeListIds.Disposition, 14)]
    [InlineData(CodeListIds.Urgency, 3)]
    public void Default_ShipsTheListsOfDomainSection8(string id, int count)
    {
        var list = CodeListCatalogue.Default.Find(id);

        Assert.NotNull(list);
        Assert.Equal(count, list.Items.Count);
        Assert.Equal("DOMAIN.md §8", list.Source);
    }

    [Fact]
    public void Default_LabelsEveryCodeInChineseAndEnglish()
    {
        foreach (var list in CodeListCatalogue.Default.Lists)
        {
            Assert.False(string.IsNullOrWhiteSpace(list.Label.ZhCn));
            Assert.All(list.Items, i =>
            {
                Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", i.Code);
                Assert.False(string.IsNullOrWhiteSpace(i.Label.ZhCn));
                Assert.False(string.IsNullOrWhiteSpace(i.Label.En));
            });
        }
    }

    [Fact]
    public void Default_KnowsTheDispositionsTheFlowsBranchOn()
    {
        var disposition = CodeListCatalogue.Default.Find(CodeListIds.Disposition)!;

        Assert.All(["to-admin-case", "to-criminal-case", "transferred", "written-mediation", "duplicate", "invalid"], c => Assert.True(disposition.Contains(c)));
        Assert.Equal("转刑事案件", disposition.Find("to-criminal-case")!.Label.ZhCn);
    }

    [Fact]
    public void Load_ReadsAnEditedFile_WhenAnAdministratorAddsACode()
    {
        const string json = """{"lists":[{"id":"urgency","label":{"zh-CN":"紧急程度","en":"Urgency"},"items":[{"code":"1","zh-CN":"一级","en":"1"},{"code":"4","zh-CN":"四级","en":"4"}]}]}""";

        var catalogue = CodeListCatalogue.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        Assert.True(catalogue.Find("urgency")!.Contains("4"));
        Assert.Null(catalogue.Find("urgency")!.Source);
    }

    [Theory]
    [InlineData("""{"lists":[{"id":"x","label":{"zh-CN":"甲","en":"X"},"items":[{"code":"a","zh-CN":"甲","en":"A"},{"code":"a","zh-CN":"乙","en":"B"}]}]}""")]
    [InlineData("""{"lists":[{"id":"x","label":{"zh-CN":"甲","en":"X"},"items":[{"code":"a","en":"A"}]}]}""")]
    [InlineData("""{"lists":[{"id":"x","label":{"zh-CN":"甲","en":"X"},"items":[]},{"id":"x","label":{"zh-CN":"甲","en":"X"},"items":[]}]}""")]
    public void Load_Throws_WhenTheFileIsMalformed(string json)
    {
        var ex = Record.Exception(() => CodeListCatalogue.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.True(ex is JsonException or ArgumentException, ex?.ToString());
    }
}
