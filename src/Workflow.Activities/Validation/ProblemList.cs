namespace Workflow.Activities.Validation;

/// <summary>Problems in the order found, without repeating one (same field and code).</summary>
internal sealed class ProblemList
{
    private readonly List<ValidationProblem> _items = [];

    public IReadOnlyList<ValidationProblem> Items => _items;

    public void Add(string? field, string code, string zh, string en)
    {
        if (!_items.Exists(p => p.Field == field && p.Code == code))
        {
            _items.Add(new ValidationProblem(field, code, zh, en));
        }
    }
}
