import Foundation

/// A data input resolved to something on disk.
public struct ResolvedData: Sendable, Equatable {
    /// The file or folder to materialise in the sandbox.
    public var url: URL
    /// The asset the input came from (`azureml:name:version`), for lineage; nil for local paths.
    public var assetReference: String?

    public init(url: URL, assetReference: String? = nil) {
        self.url = url
        self.assetReference = assetReference
    }
}

/// A component found by reference.
public struct ResolvedComponent: Sendable, Equatable {
    public var spec: CommandComponentSpec
    /// `azureml:name:version` of the registered component, for lineage.
    public var reference: String?

    public init(spec: CommandComponentSpec, reference: String? = nil) {
        self.spec = spec
        self.reference = reference
    }
}

/// How the engine reaches assets. The Workspace implements it (registered data, components,
/// environments, compute, path-safety rules); `LocalJobAssetResolver` handles local paths only.
public protocol JobAssetResolver: Sendable {
    /// Resolves a data input path (`azureml:name:version`, `azureml:name@latest`,
    /// `azureml://jobs/<job>/outputs/<name>`, `azureml://datastores/...`, a URL, or a local path relative to
    /// `baseDirectory`) to a file or folder on disk. Throw a `UserFacingError` naming the reference.
    func resolveData(_ path: String, type: JobInputType, baseDirectory: URL) throws -> ResolvedData

    /// Resolves `code:` (a local folder relative to `baseDirectory`, or an `azureml:` code reference) to a folder.
    func resolveCode(_ code: String, baseDirectory: URL) throws -> URL

    /// Finds a registered component (`azureml:name:version`, `azureml:name@latest`).
    func resolveComponent(_ reference: String) throws -> ResolvedComponent

    /// Checks the compute target at submit time (`azureml:cpu-cluster`, `serverless`, `local`); throw when unknown.
    func checkCompute(_ compute: String?) throws

    /// Checks `resources:` at submit time (for example that `instance_type` names a known VM size); throw when not.
    func checkResources(_ resources: JobResources, compute: String?) throws

    /// Called when the run leaves `Queued`: throws when the compute cannot run it now (a stopped compute
    /// instance); the run then ends Failed with the error's message and never starts.
    func checkComputeReady(_ compute: String?) throws

    /// Called while a job is `Finalizing`, after its work succeeded: registers the outputs declared with `name:`
    /// (and `version:`) from the files at `outputs[name]`, as Azure does before the job completes. Throwing fails the
    /// job with the error's message.
    func registerOutputs(job: String, declared: [JobOutput], outputs: [String: URL]) throws

    /// Checks at submit time that the environment reference exists (`azureml:name:version`, `@latest`,
    /// curated names) or that an inline environment's files exist; throw when not.
    func checkEnvironment(_ environment: EnvironmentReference?, baseDirectory: URL) throws

    /// Prepares the environment while the job is `Preparing` (for example builds it against the package
    /// catalogue). Lines written to `log` are kept in the job's log. Throwing fails the job in `Preparing`
    /// with the error's message (as Azure fails a job whose image build failed).
    func prepareEnvironment(_ environment: EnvironmentReference?, baseDirectory: URL, log: (String) -> Void) throws

    /// Called while the run is `Preparing`, before its data inputs are copied: checks that the identity the
    /// run acts as may read each data input now (identity-based datastores, role assignments) and returns
    /// environment variables the command gets for that identity. Throwing fails the run in `Preparing`
    /// with the error's message, as Azure fails a job whose input cannot be mounted.
    func authorizeRun(_ request: RunAccessRequest) throws -> [String: String]
}

/// What a run reads and as whom, for `JobAssetResolver.authorizeRun`.
public struct RunAccessRequest: Sendable, Equatable {
    public var jobName: String
    /// The compute as written (`azureml:cpu-cluster`), nil for the default.
    public var compute: String?
    /// The job's `identity.type` (`user_identity`, `managed`, `aml_token`) when given.
    public var identityType: String?
    /// Data inputs by name: the path as written in the job (`azureml://datastores/...`, `azureml:name:1`, a local path).
    public var dataPaths: [String: String]

    public init(jobName: String, compute: String?, identityType: String?, dataPaths: [String: String]) {
        self.jobName = jobName
        self.compute = compute
        self.identityType = identityType
        self.dataPaths = dataPaths
    }
}

extension JobAssetResolver {
    /// No access rules: every input may be read and nothing is added to the environment.
    public func authorizeRun(_ request: RunAccessRequest) throws -> [String: String] { [:] }

    /// Any resources are accepted.
    public func checkResources(_ resources: JobResources, compute: String?) throws {}

    /// Every compute is ready.
    public func checkComputeReady(_ compute: String?) throws {}

    /// Nothing is registered.
    public func registerOutputs(job: String, declared: [JobOutput], outputs: [String: URL]) throws {}
}
