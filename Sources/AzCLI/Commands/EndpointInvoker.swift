import Foundation
import Serving
import Workspace

/// `az ml online-endpoint invoke`: POSTs the request file to the scoring URI over real HTTP with the
/// endpoint's credential, as the SDK does, and prints the body as a JSON string.
enum EndpointInvoker {
    static func invoke(_ invocation: AzInvocation) throws -> AzResult {
        OnlineEndpointCommands.explainLocal(invocation)
        let workspace = try invocation.workspace()
        let target = try invocation.target()
        let name = try invocation.require("--name").lowercased()
        let store = OnlineEndpointStore(workspace: workspace)
        let credentials = try store.credentials(name, in: target)
        let deployments = try OnlineDeploymentStore(workspace: workspace).records(endpoint: name, in: target).compactMap { $0["name"]?.stringValue }
        if let wanted = invocation.string("--deployment-name") {
            guard !deployments.isEmpty else { throw notFound("No deployment exists for this endpoint") }
            guard deployments.contains(wanted) else { throw notFound("Deployment name \(wanted) not found for this endpoint") }
        }
        let file = invocation.localURL(try invocation.require("--request-file"))
        guard let body = FileManager.default.contents(atPath: file.path) else { throw WorkspaceError.pathMissing(path: file.path) }
        let record = try HostLauncher.ensureRunning(home: workspace.home)
        guard let url = URL(string: "http://127.0.0.1:\(record.port)/endpoints/\(name)/score") else { throw WorkspaceError.failed("invalid scoring URI") }
        let token = credentials["primaryKey"]?.stringValue ?? credentials["accessToken"]?.stringValue ?? ""
        var headers = ["Content-Type": "application/json", "Authorization": "Bearer \(token)"]
        if let wanted = invocation.string("--deployment-name") { headers["azureml-model-deployment"] = wanted }
        guard let reply = LoopbackClient.send(url, method: "POST", headers: headers, body: body) else {
            throw WorkspaceError.failed("(ServiceUnavailable) The scoring host at 127.0.0.1:\(record.port) did not answer; run `mlopslab serve status`.")
        }
        guard (200..<300).contains(reply.status) else {
            throw WorkspaceError.failed("(\(reply.status)) \(HTTPStatusText.reason(reply.status))\nCode: \(reply.status)\nMessage: \(reply.body)")
        }
        return .json(.string(reply.body))
    }

    static func notFound(_ detail: String) -> WorkspaceError {
        .failed("\n1) Resource was not found.\n\nDetails: \n\n(x) \(detail)\n\nResolutions: \n1) Double-check that the resource has been specified correctly and that you have access to it.\nIf using the CLI, you can also check the full log in debug mode for more details by adding --debug to the end of your command")
    }
}

/// Reason phrases of the statuses a scoring URI answers.
enum HTTPStatusText {
    static func reason(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 404: return "Not Found"
        case 408: return "Request Timeout"
        case 413: return "Payload Too Large"
        case 424: return "Failed Dependency"
        case 429: return "Too Many Requests"
        case 502: return "Bad Gateway"
        default: return "HTTP \(status)"
        }
    }
}
