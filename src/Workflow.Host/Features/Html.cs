using System.Net;

namespace Workflow.Host.Features;

/// <summary>Text into the server-rendered pages: every value a page shows goes through <see cref="E"/>.</summary>
public static class Html
{
    /// <summary>HTML-encodes <paramref name="text"/> (empty for null).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
