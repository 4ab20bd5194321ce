namespace Workflow.Engine.Import;

/// <summary>Stable diagnostic codes (documented in docs/bpmn-support.md).</summary>
public static class DiagnosticCodes
{
#pragma warning disable CS1591 // the names are the documentation; docs/bpmn-support.md explains each
    public const string Xml = "WF-XML";
    public const string XmlDtd = "WF-XML-DTD";
    public const string XmlTooLarge = "WF-XML-TOO-LARGE";
    public const string XmlTooDeep = "WF-XML-TOO-DEEP";
    public const string NotBpmn = "WF-NOT-BPMN";
    public const string NoProcess = "WF-NO-PROCESS";
    public const string DuplicateId = "WF-DUPLICATE-ID";
    public const string MissingId = "WF-MISSING-ID";
    public const string UnsupportedElement = "WF-UNSUPPORTED-ELEMENT";
    public const string UnsupportedEvent = "WF-UNSUPPORTED-EVENT";
    public const string UnsupportedAttribute = "WF-UNSUPPORTED-ATTRIBUTE";
    public const string InvalidAttribute = "WF-INVALID-ATTRIBUTE";
    public const string UnknownElement = "WF-UNKNOWN-ELEMENT";
    public const string NoStart = "WF-NO-START";
    public const string MultipleStart = "WF-MULTIPLE-START";
    public const string FlowDangling = "WF-FLOW-DANGLING";
    public const string FlowCrossesScope = "WF-FLOW-CROSSES-SCOPE";
    public const string FlowIntoStart = "WF-FLOW-INTO-START";
    public const string FlowOutOfEnd = "WF-FLOW-OUT-OF-END";
    public const string Unreachable = "WF-UNREACHABLE";
    public const string GatewayNoOutgoing = "WF-GATEWAY-NO-OUTGOING";
    public const string DefaultFlowInvalid = "WF-DEFAULT-FLOW-INVALID";
    public const string ExpressionJuel = "WF-EXPR-JUEL";
    public const string ExpressionFeel = "WF-EXPR-FEEL";
    public const string ExpressionLanguage = "WF-EXPR-LANGUAGE";
    public const string ExpressionSyntax = "WF-EXPR-SYNTAX";
    public const string ExpressionEmpty = "WF-EXPR-EMPTY";
    public const string ExpressionForeignApi = "WF-EXPR-FOREIGN-API";
    public const string UnsupportedExtension = "WF-UNSUPPORTED-EXTENSION";
    public const string Timer = "WF-TIMER";
    public const string MessageRef = "WF-MESSAGE-REF";
    public const string BoundaryRef = "WF-BOUNDARY-REF";
    public const string BoundaryInvalid = "WF-BOUNDARY-INVALID";
    public const string ServiceImplementation = "WF-SERVICE-IMPLEMENTATION";
    public const string UnknownActivityType = "WF-UNKNOWN-ACTIVITY-TYPE";
    public const string ScriptLanguage = "WF-SCRIPT-LANGUAGE";
    public const string CallActivity = "WF-CALL-ACTIVITY";
    public const string CallTargetMissing = "WF-CALL-TARGET-MISSING";
    public const string CallCycle = "WF-CALL-CYCLE";
    public const string JoinDeadlock = "WF-JOIN-DEADLOCK";
    public const string Loop = "WF-LOOP";
    public const string EventGateway = "WF-EVENT-GATEWAY";
    public const string TooManyNodes = "WF-TOO-MANY-NODES";
    public const string Extension = "WF-EXTENSION";

    public const string WarnIgnored = "WF-W-IGNORED";
    public const string WarnNotExecutable = "WF-W-NOT-EXECUTABLE";
    public const string WarnServiceNoType = "WF-W-SERVICE-NO-TYPE";
    public const string WarnUnconditional = "WF-W-UNCONDITIONAL-FLOW";
    public const string WarnConditionIgnored = "WF-W-CONDITION-IGNORED";
    public const string WarnExpressionNotEvaluated = "WF-W-EXPR-NOT-EVALUATED";
    public const string WarnCallTargetUnknown = "WF-W-CALL-TARGET-UNKNOWN";
    public const string WarnEmptyProcess = "WF-W-EMPTY-PROCESS";
    public const string WarnMessageFlow = "WF-W-MESSAGE-FLOW";
    public const string WarnExtensionIgnored = "WF-W-EXTENSION-IGNORED";
    public const string WarnNoDefault = "WF-W-GATEWAY-NO-DEFAULT";
    public const string WarnTaskDefaults = "WF-W-TASK-DEFAULTS";
#pragma warning restore CS1591
}
