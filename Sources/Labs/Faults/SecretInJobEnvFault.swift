import Foundation
import Primitives

/// An API key pasted into a job YAML's environment_variables: it is stored in the repository, shown by
/// `az ml job show` to everyone who can read the workspace, and kept in every job record.
struct SecretInJobEnvFault: FaultKind {
    let name = "secret-in-job-env"
    let summary = "Writes an API key in plain text under environment_variables of a job YAML: the key sits in the repository and in every job record (az ml job show prints it), instead of being fetched from Key Vault at run time."
    let parameters = [
        FaultParameter("file", "the job YAML in the working folder"),
        FaultParameter("variable", "the environment variable that receives the key, e.g. WEATHER_API_KEY"),
        FaultParameter("prefix", required: false, "text the key starts with (default `key_`)"),
        FaultParameter("fingerprint_file", required: false, "a working file whose `{sha256}` placeholder receives the key's SHA-256, so code can verify the key it gets"),
        FaultParameter("seed", required: false, "seed for the key (default 1)"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let variable = try arguments.string("variable")
        var random = SplitMix64(seed: UInt64(try arguments.optionalInt("seed") ?? 1))
        let hex = (0..<4).map { _ in String(random.next(), radix: 16).leftPadded(to: 16) }.joined()
        let key = (try arguments.optionalString("prefix") ?? "key_") + hex
        let text = try sandbox.read(file)
        var lines = text.components(separatedBy: "\n")
        let entry = "  \(variable): \"\(key)\""
        if let index = lines.firstIndex(where: { $0.hasPrefix("environment_variables:") }) {
            lines.insert(entry, at: index + 1)
        } else {
            if lines.last == "" { lines.removeLast() }
            lines.append("environment_variables:")
            lines.append(entry)
            lines.append("")
        }
        try sandbox.write(file, lines.joined(separator: "\n"))
        sandbox.plantSecret(key)
        if let fingerprintFile = try arguments.optionalString("fingerprint_file") {
            try sandbox.replace(in: fingerprintFile, "{sha256}", with: SHA256Hasher.hex(Array(key.utf8)))
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
