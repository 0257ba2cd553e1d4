import Foundation

/// A one-line field DFC records and prints (a case identifier, a source's name): its value with
/// the spaces around it trimmed, refused when it holds a character that would break the line or
/// hide in it: a control character (a newline would let it print a second `Case` line), a line or
/// paragraph separator, a direction override, or any other invisible (default-ignorable) one.
package enum SingleLine {
    package static func checked(_ value: String, field: String) throws(DFCError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let bad = trimmed.unicodeScalars.first(where: forbidden) {
            throw DFCError.invalidArgument("\(field) holds the character U+\(String(bad.value, radix: 16, uppercase: true)) "
                + "(a control, separator or invisible character): a one-line field may hold none; nothing was done")
        }
        return trimmed
    }

    /// A name DFC did not choose (a folder's, naming a batch file's source) made fit for a one-line
    /// field: each character that may not stand there written as `\u{XXXX}`.
    package static func visible(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            if forbidden(scalar) { out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// Whether a scalar may not stand in a one-line field.
    package static func forbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: return true
        default: return scalar.properties.isDefaultIgnorableCodePoint
        }
    }
}
