using Acornima;
using Acornima.Ast;
using Workflow.Engine.Expressions;

namespace Workflow.Engine.Import;

/// <summary>
/// Finds, before anything runs, the JavaScript that can only fail here: scripts written for another
/// engine's API (bpmn-engine's <c>next()</c> and <c>this.variables</c>) or Python that happens to parse
/// as JavaScript (<c>x = 1</c>, <c>del(x)</c>). Such code would raise an incident on every run.
/// </summary>
internal static class ScriptLint
{
    private static readonly HashSet<string> OurFunctions = new(StringComparer.Ordinal) { "setVariable", "getVariable" };

    /// <summary>Returns a readable problem, or null when the code only uses what exists here.</summary>
    public static string? Check(string source, bool isScript)
    {
        Node root;
        try
        {
            root = isScript ? new Parser().ParseScript(source) : new Parser().ParseExpression(source);
        }
        catch (ParseErrorException)
        {
            return null; // the compiler reports syntax errors
        }
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new List<Node>();
        Collect(root, nodes, declared);
        foreach (var node in nodes)
        {
            switch (node)
            {
                case ThisExpression:
                    return "uses 'this' (bpmn-engine's expression context); variables are plain names here, e.g. input > 5";
                case CallExpression { Callee: Identifier callee } when !declared.Contains(callee.Name) && !JsBuiltins.IsGlobal(callee.Name)
                    && (!isScript || !OurFunctions.Contains(callee.Name)):
                    return callee.Name == "next"
                        ? "calls next(), the callback of bpmn-engine scripts, which does not exist here; a script ends when it returns"
                        : $"calls '{callee.Name}', which is not defined here (another engine's script API or Python?)";
                case AssignmentExpression { Left: Identifier target } when isScript && !declared.Contains(target.Name):
                    return $"assigns to '{target.Name}', which is not declared; set a process variable with setVariable('{target.Name}', value) (this looks like a Python script)";
                case UpdateExpression { Argument: Identifier target } when isScript && !declared.Contains(target.Name):
                    return $"changes '{target.Name}', which is not declared; set a process variable with setVariable('{target.Name}', value)";
            }
        }
        return null;
    }

    private static void Collect(Node node, List<Node> nodes, HashSet<string> declared)
    {
        // Iterative walk: hostile scripts may nest deeply.
        var stack = new Stack<Node>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            nodes.Add(n);
            switch (n)
            {
                case VariableDeclarator { Id: Identifier id }:
                    declared.Add(id.Name);
                    break;
                case FunctionDeclaration { Id: { } fid } f:
                    declared.Add(fid.Name);
                    AddParams(f.Params, declared);
                    break;
                case IFunction fn:
                    AddParams(fn.Params, declared);
                    break;
                case CatchClause { Param: Identifier p }:
                    declared.Add(p.Name);
                    break;
            }
            foreach (var child in n.ChildNodes)
            {
                if (child is not null)
                {
                    stack.Push(child);
                }
            }
        }
    }

    private static void AddParams(NodeList<Node> parameters, HashSet<string> declared)
    {
        foreach (var p in parameters)
        {
            if (p is Identifier id)
            {
                declared.Add(id.Name);
            }
        }
    }
}
