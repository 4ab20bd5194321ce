namespace Workflow.Activities.Catalogue;

/// <summary>Conversions between <see cref="FieldType"/> and the <c>wf:field type</c> names the engine keeps.</summary>
public static class FieldTypes
{
    /// <summary>The <c>wf:field type</c> name of a type.</summary>
    public static string ToBpmn(FieldType type) => type switch
    {
        FieldType.Text => "text",
        FieldType.Number => "number",
        FieldType.Boolean => "boolean",
        FieldType.Date => "date",
        FieldType.DateTime => "datetime",
        FieldType.Code => "code",
        _ => "string",
    };

    /// <summary>The type named by a <c>wf:field type</c>; unknown names read as <see cref="FieldType.String"/>.</summary>
    public static FieldType FromBpmn(string? name) => name switch
    {
        "text" => FieldType.Text,
        "number" => FieldType.Number,
        "boolean" => FieldType.Boolean,
        "date" => FieldType.Date,
        "datetime" => FieldType.DateTime,
        "code" => FieldType.Code,
        _ => FieldType.String,
    };
}
