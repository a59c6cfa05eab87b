using VoicePlatform.ApiKeys;

namespace VoicePlatform.ApiHost.Contracts;

public sealed record CreateApiKeyRequest(string? Name, ApiKeyRole? Role)
{
    public Dictionary<string, string[]> Validate(string issuedBy, out IssueApiKey command)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name)) errors["name"] = ["A name is required."];
        else if (Name.Length > IssueApiKey.MaxNameLength || Name.Any(char.IsControl)) errors["name"] = [$"At most {IssueApiKey.MaxNameLength} printable characters."];
        if (Role is null) errors["role"] = ["A role is required: tenant-admin, supervisor or agent-worker."];
        command = new IssueApiKey { Name = Name?.Trim() ?? "", Role = Role ?? ApiKeyRole.Supervisor, IssuedBy = issuedBy };
        return errors;
    }
}
