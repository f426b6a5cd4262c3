import Foundation

/// A managed online deployment to create, from a YAML file plus flags.
public struct OnlineDeploymentRequest: Sendable {
    public var name: String
    public var endpointName: String
    /// `azureml:<name>:<version>`, `azureml:<name>@latest`, or a local folder (`{path: ...}` or a plain path).
    public var model: String?
    public var codeFolder: URL?
    public var scoringScript: String?
    public var environment: JSONValue?
    public var instanceType: String
    public var instanceCount: Int
    public var requestTimeoutMs: Int
    public var maxConcurrentRequests: Int
    public var environmentVariables: JSONValue
    public var dataCollector: JSONValue?
    public var tags: JSONValue
    public var description: String?
    /// The YAML file's folder (relative paths resolve against it).
    public var folder: URL

    /// Reads a validated deployment YAML document.
    public init(document: YAMLDocument, endpointName override: String?) throws {
        let root = document.root
        guard let name = root["name"]?.scalarText else { throw WorkspaceError.invalidArgument("a deployment needs `name` (or --name)") }
        guard let endpoint = override ?? root["endpoint_name"]?.scalarText else {
            throw WorkspaceError.invalidArgument("the following arguments are required: --endpoint-name/-e (or endpoint_name in the YAML file)")
        }
        self.name = name
        endpointName = endpoint.lowercased()
        folder = document.folder
        if let text = root["model"]?.scalarText { model = text } else if let path = root["model"]?["path"]?.scalarText { model = path } else { model = nil }
        if let code = root["code_configuration"] {
            codeFolder = code["code"]?.scalarText.map { URL(fileURLWithPath: $0, relativeTo: document.folder).standardizedFileURL }
            scoringScript = code["scoring_script"]?.scalarText
        }
        environment = root["environment"]
        instanceType = root["instance_type"]?.scalarText ?? SKUCatalogue.defaultSize
        instanceCount = Int(root["instance_count"]?.intValue ?? 1)
        let settings = root["request_settings"]
        requestTimeoutMs = Int(settings?["request_timeout_ms"]?.intValue ?? 5000)
        maxConcurrentRequests = Int(settings?["max_concurrent_requests_per_instance"]?.intValue ?? 1)
        environmentVariables = root["environment_variables"] ?? [:]
        dataCollector = root["data_collector"]
        tags = root["tags"] ?? [:]
        description = root["description"]?.scalarText
        guard (1...180_000).contains(requestTimeoutMs) else {
            throw WorkspaceError.failed("(BadArgument) request_settings.request_timeout_ms must be between 1 and 180000, got \(requestTimeoutMs).")
        }
        guard maxConcurrentRequests >= 1 else {
            throw WorkspaceError.failed("(BadArgument) request_settings.max_concurrent_requests_per_instance must be at least 1, got \(maxConcurrentRequests).")
        }
    }

    /// The deployment JSON as `show` prints it (state `Creating`).
    public func entity(endpoint: String, size: VMSize, target: WorkspaceTarget) -> JSONValue {
        var fields: [String: JSONValue] = [
            "app_insights_enabled": false, "data_collector": dataCollector ?? .null, "egress_public_network_access": "enabled",
            "endpoint_name": .string(endpoint), "environment_variables": environmentVariables,
            "id": .string("\(target.armId)/onlineEndpoints/\(endpoint)/deployments/\(name)"),
            "instance_count": .int(Int64(instanceCount)), "instance_type": .string(instanceType),
            "liveness_probe": ["failure_threshold": 30, "initial_delay": 10, "period": 10, "success_threshold": 1, "timeout": 2],
            "readiness_probe": ["failure_threshold": 30, "initial_delay": 10, "period": 10, "success_threshold": 1, "timeout": 2],
            "model": model.map(JSONValue.string) ?? .null, "name": .string(name), "properties": [:], "provisioning_state": "Creating",
            "request_settings": ["max_concurrent_requests_per_instance": .int(Int64(maxConcurrentRequests)), "request_timeout_ms": .int(Int64(requestTimeoutMs))],
            "scale_settings": ["type": "default"], "tags": tags, "type": "managed",
            "environment": environment ?? .null,
        ]
        if let codeFolder, let scoringScript {
            fields["code_configuration"] = ["code": .string(codeFolder.path), "scoring_script": .string(scoringScript)]
        }
        if let description { fields["description"] = .string(description) }
        return .object(fields)
    }
}
