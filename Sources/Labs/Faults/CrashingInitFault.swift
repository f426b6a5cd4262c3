import Foundation

/// A scoring script whose `init()` loads the model from a hard-coded path instead of
/// `AZUREML_MODEL_DIR`, so the inference server's start-up fails and the deployment is `Failed`.
struct CrashingInitFault: FaultKind {
    let name = "crashing-init"
    let summary = "A scoring script's init() loads the model from a hard-coded path instead of AZUREML_MODEL_DIR: the container crashes at start-up and the deployment fails with ResourceNotReady."
    let parameters = [
        FaultParameter("file", "the scoring script in the working folder"),
        FaultParameter("find", "the expression that locates the model today (it must occur in the file)"),
        FaultParameter("path", "the hard-coded path to put in its place"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        try sandbox.replace(in: file, try arguments.string("find"), with: "\"\(try arguments.string("path"))\"")
    }
}
