import DFCCore
import Foundation

/// How actor names are compared. A name is stored in Unicode NFC, so that "José" typed with a
/// composed "é" and with "e" and a combining accent are one actor (SQLite compares bytes, Swift
/// canonical equivalence: two rows for one name would otherwise disagree between the two). A
/// new name is refused when it mixes scripts (Latin with Cyrillic, say) or when its confusable
/// skeleton is that of an actor already registered: `examіner` (Cyrillic `і`) beside `examiner`.
package enum ActorName {
    /// The name in NFC.
    package static func normalized(_ name: String) -> String { name.precomposedStringWithCanonicalMapping }

    /// The scripts of the name's letters (marks, digits, spaces and punctuation belong to none).
    package static func scripts(of name: String) -> Set<String> {
        Set(name.unicodeScalars.compactMap(script))
    }

    /// A skeleton in the manner of Unicode's confusables (UTS #39): compatibility-decomposed,
    /// marks dropped, case folded, and the letters and digits most often mistaken for Latin ones
    /// (Cyrillic and Greek look-alikes, `0`/`o`, `1`/`l`/`I`, `rn`/`m`) mapped to one of them.
    /// Two names with the same skeleton are confusable.
    package static func skeleton(_ name: String) -> String {
        let folded = name.decomposedStringWithCompatibilityMapping.unicodeScalars
            .filter { !$0.properties.isDiacritic && $0.properties.generalCategory != .nonspacingMark }
            .map { String($0) }.joined().lowercased()
        var out = ""
        for scalar in folded.unicodeScalars {
            out += lookalikes[scalar] ?? String(scalar)
        }
        return out.replacingOccurrences(of: "rn", with: "m").replacingOccurrences(of: "vv", with: "w")
    }

    /// The registered name `name` would be confused with, if any.
    package static func confusable(_ name: String, with existing: [String]) -> String? {
        let target = skeleton(name)
        return existing.first { skeleton($0) == target }
    }

    /// Letters and digits that look like Latin ones, by the Latin letter they pass for.
    private static let lookalikes: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        let groups: [(String, String)] = [
            // Cyrillic
            ("а", "a"), ("в", "b"), ("с", "c"), ("ԁ", "d"), ("е", "e"), ("ё", "e"), ("һ", "h"), ("і", "l"), ("ї", "l"), ("ј", "j"),
            ("к", "k"), ("м", "m"), ("н", "h"), ("о", "o"), ("р", "p"), ("ԛ", "q"), ("г", "r"), ("ѕ", "s"), ("т", "t"), ("у", "y"),
            ("х", "x"), ("ү", "y"), ("ԝ", "w"), ("ь", "b"), ("ɡ", "g"),
            // Greek
            ("α", "a"), ("β", "b"), ("ε", "e"), ("η", "n"), ("ι", "l"), ("κ", "k"), ("ν", "v"), ("ο", "o"), ("ρ", "p"), ("τ", "t"),
            ("υ", "u"), ("χ", "x"), ("γ", "y"), ("ω", "w"), ("μ", "u"),
            // Latin look-alikes and digits
            ("i", "l"), ("1", "l"), ("|", "l"), ("ı", "l"), ("0", "o"), ("5", "s"), ("ß", "ss"), ("ø", "o"), ("ł", "l"), ("đ", "d"),
        ]
        for (from, to) in groups {
            for scalar in from.unicodeScalars { table[scalar] = to }
        }
        return table
    }()

    /// The script of a letter, by Unicode block; nil for what belongs to every script.
    private static func script(_ scalar: Unicode.Scalar) -> String? {
        guard scalar.properties.isAlphabetic, !scalar.properties.isDiacritic,
              scalar.properties.generalCategory != .nonspacingMark else { return nil }
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xAA, 0xBA, 0xC0...0x24F, 0x250...0x2AF, 0x1D00...0x1D7F, 0x1E00...0x1EFF, 0x2C60...0x2C7F,
             0xA720...0xA7FF, 0xFF21...0xFF3A, 0xFF41...0xFF5A: return "Latin"
        case 0x370...0x3FF, 0x1F00...0x1FFF: return "Greek"
        case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return "Cyrillic"
        case 0x530...0x58F: return "Armenian"
        case 0x590...0x5FF: return "Hebrew"
        case 0x600...0x6FF, 0x750...0x77F, 0x8A0...0x8FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return "Arabic"
        case 0x900...0x97F: return "Devanagari"
        case 0x980...0x9FF: return "Bengali"
        case 0xA00...0xA7F: return "Gurmukhi"
        case 0xE00...0xE7F: return "Thai"
        case 0x10A0...0x10FF: return "Georgian"
        case 0x3040...0x30FF, 0x31F0...0x31FF: return "Japanese"   // kana mix with Han in Japanese names
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: return "Han"
        case 0xAC00...0xD7AF, 0x1100...0x11FF: return "Hangul"
        default: return "U+\(String(scalar.value >> 8, radix: 16, uppercase: true))xx"
        }
    }

    /// Whether a set of scripts is one a single name may use (Japanese writes Han with kana).
    package static func mayMix(_ scripts: Set<String>) -> Bool {
        scripts.count <= 1 || scripts == ["Han", "Japanese"]
    }
}
