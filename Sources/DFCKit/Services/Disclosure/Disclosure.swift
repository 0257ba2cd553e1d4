import Foundation

/// What leaves the store, each with a signed event naming who and why: frames extracted as
/// pictures, BagIt export packages (authorised), and reports for a court.
public struct Disclosure: StoreService {
    package let context: StoreContext
}
