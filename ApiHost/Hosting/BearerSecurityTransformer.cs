using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VoicePlatform.ApiHost.Hosting;

/// <summary>Declares the bearer API key in the OpenAPI document so the reference page can send it.</summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "VoicePlatform API";
        document.Info.Description = "Send 'Authorization: Bearer <api key>'. Operator routes take the operator key; tenant routes take a tenant API key.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A tenant API key (vpk_…) or the operator key.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
