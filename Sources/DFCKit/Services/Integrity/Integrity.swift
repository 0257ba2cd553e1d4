import Foundation

/// The store's integrity: the audit of the whole log, every row and every original, and the
/// verification of exhibits and outside files against what was seized.
public struct Integrity: StoreService {
    package let context: StoreContext
}
