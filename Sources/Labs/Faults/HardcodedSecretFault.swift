import Foundation
import Primitives

/// A storage account key pasted into a working file (a script or a datastore YAML): anyone who can
/// read the repository can read the data, and rotating the key breaks the code.
struct HardcodedSecretFault: FaultKind {
    let name = "hardcoded-secret"
    let summary = "A storage account key is written into a script or a datastore YAML instead of being read from Key Vault or replaced by identity-based access."
    let parameters = [
        FaultParameter("file", "the working file that receives the key"),
        FaultParameter("find", "a line fragment after which the key is inserted (it must occur)"),
        FaultParameter("template", required: false, "the text inserted, with {key} for the key (default: `account_key = \"{key}\"`)"),
        FaultParameter("seed", required: false, "seed for the key's bytes (default 1)"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let find = try arguments.string("find")
        var random = SplitMix64(seed: UInt64(try arguments.optionalInt("seed") ?? 1))
        let bytes = (0..<64).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let key = Data(bytes).base64EncodedString()
        let template = try arguments.optionalString("template") ?? "account_key = \"{key}\""
        let inserted = template.replacingOccurrences(of: "{key}", with: key)
        try sandbox.replace(in: file, find, with: find + "\n" + inserted)
        sandbox.plantSecret(key)
    }
}
