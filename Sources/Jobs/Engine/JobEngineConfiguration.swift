import Foundation

/// Names of the simulated subscription, resource group and workspace (for Web View links and ids).
public struct WorkspaceContext: Sendable, Equatable {
    /// The simulated subscription id.
    public var subscriptionId: String
    /// The resource group name.
    public var resourceGroup: String
    /// The workspace name.
    public var workspaceName: String

    public init(subscriptionId: String, resourceGroup: String, workspaceName: String) {
        self.subscriptionId = subscriptionId
        self.resourceGroup = resourceGroup
        self.workspaceName = workspaceName
    }

    /// The studio link az prints as `Web View:`.
    public func webViewURL(job: String) -> String {
        "https://ml.azure.com/runs/\(job)?wsid=/subscriptions/\(subscriptionId)/resourcegroups/\(resourceGroup)/workspaces/\(workspaceName)"
    }
}

/// Where and how the engine runs jobs.
public struct JobEngineConfiguration: Sendable {
    /// Folder holding one sandbox per job (inside the state home).
    public var jobsRoot: URL
    /// Folder put first on the job's `PATH` so `mlopslab ml ...` works; defaults to the folder of the
    /// running executable.
    public var toolDirectory: URL?
    /// The workspace names used in Web View links.
    public var workspace: WorkspaceContext
    /// The environment the job's process starts from (defaults to this process's).
    public var baseEnvironment: [String: String]
    /// Extra variables for every job (for example `MLOPSLAB_HOME`).
    public var extraEnvironment: [String: String]
    /// How often a running job is checked for exit, cancel and timeout (seconds, upper bound).
    public var maximumPollInterval: Double

    public init(jobsRoot: URL, toolDirectory: URL? = JobEngineConfiguration.runningExecutableDirectory(),
                workspace: WorkspaceContext = WorkspaceContext(subscriptionId: "00000000-0000-0000-0000-000000000000", resourceGroup: "rg-mlopslab", workspaceName: "mlw-mlopslab"),
                baseEnvironment: [String: String] = ProcessInfo.processInfo.environment,
                extraEnvironment: [String: String] = [:], maximumPollInterval: Double = 0.02) {
        self.jobsRoot = jobsRoot
        self.toolDirectory = toolDirectory
        self.workspace = workspace
        self.baseEnvironment = baseEnvironment
        self.extraEnvironment = extraEnvironment
        self.maximumPollInterval = maximumPollInterval
    }

    /// The folder of the running executable (`/proc/self/exe` on Linux).
    public static func runningExecutableDirectory() -> URL? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path).deletingLastPathComponent()
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
    }
}
