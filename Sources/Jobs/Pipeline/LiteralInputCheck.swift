import Foundation

/// Checks a literal input value against a component's declaration (type, enum, min and max), as the
/// service does when a pipeline is submitted.
enum LiteralInputCheck {
    /// What is wrong with `text` for `declaration`, or nil when it fits.
    static func problem(_ text: String, for declaration: ComponentInputDeclaration) -> String? {
        let value = text.trimmingCharacters(in: .whitespaces)
        var number: Double?
        switch declaration.type {
        case .integer:
            guard let parsed = Int(value) else { return "'\(text)' is not a valid integer for input '\(declaration.name)' (type: integer)." }
            number = Double(parsed)
        case .number:
            guard let parsed = Double(value), parsed.isFinite else { return "'\(text)' is not a valid number for input '\(declaration.name)' (type: number)." }
            number = parsed
        case .boolean:
            guard ["true", "false"].contains(value.lowercased()) else { return "'\(text)' is not a valid boolean for input '\(declaration.name)' (type: boolean)." }
        default:
            break
        }
        if let allowed = declaration.allowedValues, !allowed.isEmpty, !allowed.contains(value) {
            return "'\(text)' is not one of the values input '\(declaration.name)' allows: \(allowed.joined(separator: ", "))."
        }
        if let number, let minimum = declaration.minimum, number < minimum {
            return "\(text) is below the minimum \(SweepSampler.format(minimum)) of input '\(declaration.name)'."
        }
        if let number, let maximum = declaration.maximum, number > maximum {
            return "\(text) is above the maximum \(SweepSampler.format(maximum)) of input '\(declaration.name)'."
        }
        return nil
    }
}
