import DFCKit

/// Text as the commands print it. Names, reasons, cases and file names come from people and from
/// files: an escape sequence (ESC) in one would drive the examiner's terminal, a right-to-left
/// override would print a name backwards, a carriage return would overwrite the line before it,
/// an invisible character would hide in a name. Each such character is written as `\uXXXX` (the
/// form JSON takes too, so a JSON line stays the same value); newlines and tabs, which the
/// commands lay their output out with, stay as they are.
enum TerminalText {
    static func escaped(_ text: String) -> String {
        // Most output is plain ASCII (listings of millions of lines): returned as it is.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            guard scalar != "\n", scalar != "\t", SingleLine.forbidden(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 { out += "\\u" + hex4(unit) }
        }
        return out
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}

/// Every line a command prints goes through `TerminalText` (this shadows the standard library's
/// `print` in the `dfc` module), buffered as the standard one is.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalText.escaped(items.map { "\($0)" }.joined(separator: separator) + terminator), terminator: "")
}
