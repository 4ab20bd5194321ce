using System.Net;
using System.Text.Json;

namespace Workflow.Host.Tests.Support;

/// <summary>Reading the API's answers in tests.</summary>
public static class ApiResponses
{
    /// <summary>
    /// The body as JSON, asserting the status first (the body is in the message when it is not the one expected); an empty
    /// body (204, or a 200 with none) is the default element.
    /// </summary>
    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
