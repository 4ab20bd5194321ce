using System.Xml.Linq;

namespace Workflow.Engine.Import;

/// <summary>XML namespaces the importer understands.</summary>
public static class BpmnNamespaces
{
    /// <summary>BPMN 2.0 model namespace.</summary>
    public static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    /// <summary>Our extension namespace (docs/extension-namespace.md).</summary>
    public static readonly XNamespace Workflow = "urn:workflow:bpmn:1";
    /// <summary>Camunda 7 / Camunda Modeler extension namespace, read for assignment and forms.</summary>
    public static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";
    /// <summary>XML Schema instance namespace (xsi:type).</summary>
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
}
