namespace Workflow.Activities.Catalogue;

/// <summary>Value type of a form field; the names are those of <c>wf:field type</c>.</summary>
public enum FieldType
{
    /// <summary>One line of text (<c>string</c>).</summary>
    String,
    /// <summary>Multi-line text (<c>text</c>).</summary>
    Text,
    /// <summary>A JSON number (<c>number</c>).</summary>
    Number,
    /// <summary>true or false (<c>boolean</c>).</summary>
    Boolean,
    /// <summary>A calendar date, <c>yyyy-MM-dd</c> (<c>date</c>).</summary>
    Date,
    /// <summary>An ISO-8601 date and time with its offset (<c>datetime</c>).</summary>
    DateTime,
    /// <summary>A code of a code list (<c>code</c>).</summary>
    Code,
}
